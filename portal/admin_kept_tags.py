"""The admin changelist's pagination line, search bar and form media HTML, and the header's user links,
kept per process (issue 18).

Django's `{% pagination cl %}` writes a link per page of the elided range, each with the query string
made again (~1.4 M instructions of the staff queue), and `{% search_form cl %}` its form with a hidden
input per parameter (~0.8 M). What both write depends only on the query string (the links keep the
filters; the search text, popup and facets flags are parameters too), the page shown, the number of
pages and of rows, whether everything is shown or may be, whether the list is editable, and the
language (the counts' plural forms): those are the key, so a new row or another page makes another
entry. The model admin's search fields and help text are fixed in code.
"""

import functools

from django.template import engines
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.safestring import mark_safe

from portal.kept import remembered

TAGS = ("pagination", "search_form")
_MAX_KEPT = 512
_kept = {}


def kept_tag_html(context, cl, tag):
    """What `{% <tag> cl %}` (one of TAGS, from admin_list) writes in `context` for the changelist `cl`."""
    key = (tag, cl.model._meta.label, translation.get_language(),
           tuple(sorted((name, tuple(values)) for name, values in cl.filter_params.items())),
           cl.page_num, cl.paginator.num_pages, cl.result_count, cl.full_result_count, cl.show_all,
           cl.can_show_all, cl.multi_page, bool(cl.formset), cl.is_popup, cl.add_facets)
    return remembered(_kept, key, lambda: _tag(tag).render(context), _MAX_KEPT)


@functools.cache
def _tag(tag):
    if tag not in TAGS:
        raise ValueError(f"not a kept admin tag: {tag}")
    return engines["django"].from_string(f"{{% load admin_list %}}{{% {tag} cl %}}").template


class KeptMedia:
    """A changelist's form media for its template (`{{ media.css }}`, `{{ media.js }}`), the HTML of
    each kept per process per list of files: rendering a dozen script tags (static URLs, format_html)
    on every page was ~0.8 M instructions of the staff queue."""

    def __init__(self, media):
        self.media = media

    def __getitem__(self, name):
        if name not in ("css", "js"):
            raise KeyError(name)
        key = ("media", name, repr(self.media._css_lists), repr(self.media._js_lists))
        return remembered(_kept, key, lambda: mark_safe(self.media[name].render()), _MAX_KEPT)

    def __str__(self):
        return self.media.render()

    def __html__(self):
        return self.media.render()


def userlinks_html(context):
    """Django's `userlinks` block of admin/base.html (View site, Documentation, Change password, the
    logout form, the theme switch: ~1 M instructions of the staff queue) for the template `context`,
    rendered in that block, kept per process. It shows the site's URL, the user's flags (active,
    staff, a usable password), the admin's URLs (the script prefix, the URLconf, the admin site) and
    the language: the key. Its logout form holds this request's CSRF token: the kept HTML is the
    text before and after it, and each page writes its own token between them."""
    block, request, user = context["block"], context.get("request"), context.get("user")
    token = str(context.get("csrf_token") or "")
    if request is None or user is None or token in ("", "NOTPROVIDED"):
        return block.super()
    resolved = getattr(request, "resolver_match", None)
    key = ("userlinks", translation.get_language(), get_script_prefix(), getattr(request, "urlconf", None),
           getattr(request, "current_app", None), getattr(resolved, "namespace", None), str(context.get("site_url")),
           user.is_active, user.is_staff, user.has_usable_password())
    around = remembered(_kept, key, lambda: _around(block.super(), token), _MAX_KEPT)
    return block.super() if around is None else mark_safe(around[0] + token + around[1])


def _around(html, token):
    """(text before, text after) the one `token` in `html`, or None (not kept) if it is not there once."""
    parts = html.split(token)
    return (parts[0], parts[1]) if len(parts) == 2 else None
