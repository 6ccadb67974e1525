"""The rows of the staff queue (the admin changelist of applications), made once per page (issue 18).

Django's `result_list` builds each of the 25 rows cell by cell through generic code: a field lookup,
`display_for_field` with a lazy choice label, a `reverse()` and a parse of the preserved filters per
row. That was ~40% of the queue page. Here the labels, the link and the checkbox's text are made once
per page and each cell is written directly, as exactly the same HTML as Django's (the test compares
both); each row's HTML is then kept per process for its values (`kept_row`). Any other changelist
shape (a popup, editable rows, other columns) keeps Django's own rows.
"""

import functools

from django.contrib.admin.templatetags.admin_list import ResultList, result_list
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from applications.choices import Kind, Status, SupplyType
from applications.listing import PK_PLACEHOLDER, pk_url_maker
from portal.datetime_text import localized_datetime
from portal.html_text import conditional_escape, escape
from portal.kept import remembered

QUEUE_DISPLAY = ("number", "applicant_name", "branch", "kind", "supply_type", "status", "submitted_at",
                 "due_column")


# What admin/change_list_results.html writes between the items of two rows without a form:
# "</tr>", then "\n" (end of the loop's body), "\n" (its start), no errors, "\n<tr>".
ROW_SEPARATOR = "</tr>\n\n\n<tr>"


def queue_result_list(cl):
    """The context of admin/change_list_results.html for the changelist `cl` (as Django's
    `result_list` tag gives it) when the queue has its usual shape: the headers kept (`kept_headers`)
    and the rows made by `fast_rows`, all as one item joined with what the template writes between
    two rows, so its loop (~130,000 instructions a row) runs once; the output is the same (the test
    compares the pages). Any other shape gets Django's own context."""
    if cl.formset or cl.is_popup or tuple(cl.list_display) != ("action_checkbox", *QUEUE_DISPLAY):
        return result_list(cl)
    rows = fast_rows(cl)
    return {**kept_headers(cl), "cl": cl, "results": [ResultList(None, [mark_safe(ROW_SEPARATOR.join(rows))])]
            if rows else []}


_MAX_KEPT_HEADERS = 256
_kept_headers = {}


def kept_headers(cl):
    """Django's `result_list` context without rows (headers, sort state, hidden fields) for a queue
    changelist, kept per process (~2 M instructions a page). Its headers depend on the columns, the
    query string (their sort links keep the filters; `o` is the sort) and the language of their
    titles, which are the key: the model admin's columns and their sorting are fixed in code."""
    key = (cl.model._meta.label, tuple(cl.list_display), translation.get_language(),
           tuple(sorted((name, tuple(values)) for name, values in cl.filter_params.items())))
    return remembered(_kept_headers, key, lambda: _headers_context(cl), _MAX_KEPT_HEADERS)


def _headers_context(cl):
    context = result_list_without_rows(cl)
    context.pop("cl")
    return context


def result_list_without_rows(cl):
    """Django's `result_list` context (headers, hidden fields) without building its rows."""
    rows, cl.result_list = cl.result_list, []
    try:
        return result_list(cl)
    finally:
        cl.result_list = rows


def fast_rows(cl):
    """[row HTML, ...]: the cells of each application of `cl.result_list` (QUEUE_DISPLAY columns),
    each kept per process (`kept_row`)."""
    admin = cl.model_admin
    empty = admin.get_empty_value_display()
    change_url = _change_url_maker(cl)
    today = timezone.localdate()
    page = (translation.get_language(), timezone.get_current_timezone_name(), today, str(empty), change_url(0))

    @functools.cache
    def shared():  # what every row of the page needs, made for the first row not kept
        labels = {field: {choice.value: escape(choice.label) for choice in choices}
                  for field, choices in (("kind", Kind), ("supply_type", SupplyType), ("status", Status))}
        return labels, conditional_escape(empty), gettext("Select this object for an action - {}")

    def make(application):
        labels, empty_cell, select_label = shared()
        url = change_url(application.pk)
        return _row(admin, application, labels, empty, empty_cell, url, select_label, today)

    return [kept_row(page, application, functools.partial(make, application)) for application in cl.result_list]


_MAX_KEPT_ROWS = 2048  # ~1.2 kB each
_kept_rows = {}


def kept_row(page, application, make):
    """A row's HTML, `make()`, kept per process: writing the 25 rows was still ~4.7 M instructions
    of the queue's 35 M (issue 18). What `_row` writes depends on the row's shown values, its primary
    key (the checkbox, the link) and on what `page` holds: the language (labels, the checkbox's text,
    the date format), the time zone (the submission time), today (the overdue mark), the empty cell
    and the link made for pk 0 (the change URL with the list's preserved filters): all of them are
    the key. No user's data is in it: a row is shown only to whom the queue's scoped query returns it."""
    branch = application.branch
    key = (page, application.pk, application.number, application.applicant_name,
           None if branch is None else str(branch), application.kind, application.supply_type, application.status,
           application.submitted_at, application.due_date)
    return remembered(_kept_rows, key, make, _MAX_KEPT_ROWS)


def _row(admin, application, labels, empty, empty_cell, url, select_label, today):
    # Each value escaped unless already safe (format_html's rule, without its generic formatting: 200
    # cells a page); the labels come escaped from fast_rows, `empty` is the admin's safe dash.
    number = escape(application.number) if (application.number or "").strip() else empty
    name = escape(application.applicant_name) if (application.applicant_name or "").strip() else empty_cell
    branch = empty_cell if application.branch is None else escape(application.branch)
    submitted_at = (escape(localized_datetime(timezone.template_localtime(application.submitted_at)))
                    if application.submitted_at else empty_cell)
    return (
        f'<td class="action-checkbox">{admin.action_checkbox(application, label_template=select_label)}</td>'
        f'<th class="field-number"><a href="{url}">{number}</a></th>'
        f'<td class="field-applicant_name">{name}</td>'
        f'<td class="field-branch nowrap">{branch}</td>'
        f'<td class="field-kind">{labels["kind"].get(application.kind, empty_cell)}</td>'
        f'<td class="field-supply_type">{labels["supply_type"].get(application.supply_type, empty_cell)}</td>'
        f'<td class="field-status">{labels["status"].get(application.status, empty_cell)}</td>'
        f'<td class="field-submitted_at nowrap">{submitted_at}</td>'
        f'<td class="field-due_column">{conditional_escape(admin.due_column(application, today=today))}</td>'
    )


def _change_url_maker(cl):
    """pk → the row's link (the change page with the list's filters preserved): one reverse() and one
    parse of the filters per page."""
    opts = cl.opts
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=(quote(str(PK_PLACEHOLDER)),),
                  current_app=cl.model_admin.admin_site.name)
    return pk_url_maker(escape(add_preserved_filters({"preserved_filters": cl.preserved_filters, "opts": opts}, url)))
