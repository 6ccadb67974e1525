"""The home page's sections: what needs the user now. Domain apps register a section at start-up
(AppConfig.ready), as they do dashboard panels, so portal never imports them. A section is
function(request) -> {"template": str, ...context} or None; a section with "organisation": True
says the user is an organisation, whose home page has no applicant tiles and no profile prompt."""

from django.utils.module_loading import import_string

from portal import pagecache

_sections = []
_scopes = set()


def register(dotted_path, *, scopes=()):
    """Register "app.module.function"; `scopes` name the page-cache scopes of the rows it shows."""
    if dotted_path not in _sections:
        _sections.append(dotted_path)
    _scopes.update(scopes)


def page_scopes(request, *args, **kwargs):
    return [*pagecache.own_data_scopes(request), *sorted(_scopes)]


def sections_for(request):
    if not request.user.is_authenticated:
        return []
    return [content for content in (import_string(path)(request) for path in _sections) if content]
