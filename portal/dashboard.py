"""The staff dashboard shell. Domain apps register panels at start-up (AppConfig.ready), so portal
never imports them; a panel returns None when the user has nothing to do with it."""

from django.utils.module_loading import import_string

_panels = []
_scopes = set()


def register(dotted_path, *, scopes=()):
    """Register "app.module.function": function(request) -> {"template": str, ...context} or None.
    Imported on first use, so start-up does not load every app's dashboard code. `scopes` name the
    page-cache scopes (portal.pagecache) whose rows the panel shows: the dashboard is cached under them."""
    _panels.append(dotted_path)
    _scopes.update(scopes)


def page_scopes(request, *args, **kwargs):
    """The dashboard's page-cache scopes: the user's own (permissions, branches) and every panel's."""
    from portal import pagecache

    return [*pagecache.own_data_scopes(request), *sorted(_scopes)]


def panels_for(request):
    return [content for content in (import_string(path)(request) for path in _panels) if content]
