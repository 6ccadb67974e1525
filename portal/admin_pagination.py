"""The admin changelist's pagination line kept per process (issue 18).

Django's `{% pagination cl %}` writes a link per page of the elided range, each with the query string
made again (~1.4 M instructions of the staff queue). What it writes depends only on the query string
(each link keeps the filters), the page shown, the number of pages and of rows, whether everything is
shown or may be, whether the list is editable, and the language (the count's plural form): those are
the key, so a new row or another page makes another entry.
"""

import functools

from django.template import engines
from django.utils import translation

_MAX_KEPT = 512
_kept = {}


def pagination_html(context, cl):
    """What `{% pagination cl %}` writes in `context` for the changelist `cl`."""
    key = (cl.model._meta.label, translation.get_language(),
           tuple(sorted((name, tuple(values)) for name, values in cl.filter_params.items())),
           cl.page_num, cl.paginator.num_pages, cl.result_count, cl.full_result_count, cl.show_all,
           cl.can_show_all, cl.multi_page, bool(cl.formset))
    try:
        return _kept[key]
    except KeyError:
        html = _tag().render(context)
        if len(_kept) < _MAX_KEPT:
            _kept[key] = html
        return html


@functools.cache
def _tag():
    return engines["django"].from_string("{% load admin_list %}{% pagination cl %}").template
