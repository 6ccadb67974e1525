"""The applicant's list rows, made with as little work per row as the page allows (issue 18).

The list is the page applicants open most, and every first visit renders it: a row is a plain object
read with `values()` (only the shown columns, no model instances), its labels come from one
dictionary per page (not `get_FOO_display()` with a gettext per call) and its links from one
`reverse()` per kind of link (not three to five per row).
"""

import datetime
import functools

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_noop

from accounts.models import User
from applications.deadline_labels import deadlines
from applications.models import Application, ApplicationDocument, ApplicationEvent, Kind, Status, SupplyType
from applications.models.history import DETAILS_CORRECTED
from portal.html_text import escape
from portal.prepared_sql import PreparedQuery, PreparedSQL, id_markers

ROW_COLUMNS = ("pk", "number", "kind", "supply_type", "status", "submitted_at", "created_at", "applicant_name",
               "due_date", "answer_days_left", "answer_due_date")
# A pk no real row has; reverse() is asked once with it and the pk is put in its place per row.
PK_PLACEHOLDER = 987654321


class Row:
    """One line of the list: the columns of ROW_COLUMNS plus `kind_label`, `supply_label`,
    `status_label`, `date`, `files` (original names), `url`, `zip_url`, `sign_url`, `history_url`, and the
    named `deadlines` (applications.deadline_labels reads the same attributes as on an Application)."""

    __slots__ = (*ROW_COLUMNS, "kind_label", "supply_label", "status_label", "date", "files", "url", "zip_url",
                 "sign_url", "history_url", "deadlines")

    def __init__(self, values):
        for name in ROW_COLUMNS:
            setattr(self, name, values[name])


def url_maker(name):
    """pk → the URL of the named route `<int:pk>/…`: one reverse() per page instead of one per row."""
    return pk_url_maker(reverse(name, args=[PK_PLACEHOLDER]))


def pk_url_maker(url):
    """pk → `url` (made once, with PK_PLACEHOLDER as the pk) with the pk in the placeholder's place."""
    before, after = url.split(str(PK_PLACEHOLDER), 1)
    return lambda pk: f"{before}{int(pk)}{after}"


# What stands for the request's values while a query's SQL is captured (portal.prepared_sql).
_MARKERS = {"applicant": -987654321, "date_from": datetime.date(1, 1, 2), "date_to": datetime.date(1, 1, 3),
            "kind": "\x01kind", "status": "\x01status", "supply_type": "\x01supply_type"}


class ApplicantRows:
    """The applicant's applications matching `filters` (FilterForm.filters()) as a Paginator's
    object list: `count()` and a slice of rows (dictionaries of ROW_COLUMNS), each one query whose
    SQL is the ORM's for `for_applicant(user).filtered(**filters).values(*ROW_COLUMNS)`, captured
    once per process per set of filters (and per slice) instead of built on every request."""

    def __init__(self, user, filters):
        self.values = {"applicant": user.pk, **filters}
        self.names = tuple(sorted(filters))

    def count(self):
        return _count_sql(self.names).rows(self.values)[0][0]

    def __getitem__(self, page):
        start = page.start or 0
        if page.stop is not None and page.stop <= start:  # an empty page: the ORM sends no query either
            return []
        sql = _rows_sql(self.names, start, page.stop)
        return [dict(zip(ROW_COLUMNS, row, strict=True)) for row in sql.rows(self.values)]


def _marked_queryset(names):
    from accounts.models import User

    applicant = User(pk=_MARKERS["applicant"])
    filters = {name: _MARKERS[name] for name in names}
    return Application.objects.for_applicant(applicant).filtered(**filters).values(*ROW_COLUMNS)


def _markers(names):
    return {name: _MARKERS[name] for name in ("applicant", *names)}


@functools.lru_cache(maxsize=64)
def _count_sql(names):
    return PreparedSQL.capture(lambda: _marked_queryset(names).count(), _markers(names))


@functools.lru_cache(maxsize=256)
def _rows_sql(names, start, stop):
    # PreparedQuery: the dates and times as the ORM reads them (aware; SQLite's cursor gives them naive).
    return PreparedQuery(_marked_queryset(names)[start:stop], _markers(names))


@functools.lru_cache(maxsize=64)
def _files_sql(count):
    """The documents' names of `count` applications, ordered as the rows show them."""
    markers = id_markers("id", count)
    documents = (ApplicationDocument.objects.filter(application_id__in=list(markers.values()))
                 .order_by("application_id", "uploaded_at", "pk").values_list("application_id", "original_name"))
    return PreparedSQL.capture(lambda: list(documents), markers)


def list_rows(values):
    """Rows for the dictionaries of one page (ApplicantRows, or `queryset.values(*ROW_COLUMNS)`),
    with one more query at most: the documents' names of all rows."""
    rows = [Row(value) for value in values]
    files = {row.pk: [] for row in rows}
    if files:
        ids = {f"id{index}": pk for index, pk in enumerate(files)}
        for application_id, name in _files_sql(len(ids)).rows(ids):
            files[application_id].append(name)
    labels = {field: {choice.value: str(choice.label) for choice in choices}
              for field, choices in (("kind", Kind), ("supply_type", SupplyType), ("status", Status))}
    detail, zip_url = url_maker("applications:detail"), url_maker("applications:documents_zip")
    sign, history = url_maker("applications:sign"), url_maker("applications:history")
    for row in rows:
        row.kind_label, row.supply_label = labels["kind"][row.kind], labels["supply_type"][row.supply_type]
        row.status_label = labels["status"][row.status]
        row.date = row.submitted_at or row.created_at
        row.files = files[row.pk]
        row.url, row.zip_url, row.history_url = detail(row.pk), zip_url(row.pk), history(row.pk)
        row.sign_url = sign(row.pk) if row.status == Status.AWAITING_SIGNATURE else ""
        row.deadlines = deadlines(row)
    return rows


# The texts of a row, translated once per page (msgids shared with applications/list.html).
_ROW_TEXTS = {"type": gettext_noop("Type"), "supply": gettext_noop("Supply"), "date": gettext_noop("Date"),
              "author": gettext_noop("Author"), "files": gettext_noop("Files"), "draft": gettext_noop("draft"),
              "sign": gettext_noop("Sign"), "zip": gettext_noop("Download all files (ZIP)"),
              "history": gettext_noop("History"), "open_history": gettext_noop("Open the history")}


def rows_html(rows):
    """The <tbody> of applications/list.html for `rows` (list_rows): each application's line and its
    history line, as one safe string. Written here rather than by the template's loop: the cells of 20
    rows were ~40% of the page's rendering (issue 18). Every value is escaped; datetimes are shown in
    the current time zone as the template's `date` filter shows them."""
    text = {key: escape(gettext(msgid)) for key, msgid in _ROW_TEXTS.items()}
    return mark_safe("".join(_row_html(row, text) for row in rows))


def _row_html(row, text):
    url = escape(row.url)
    number = escape(row.number) if row.number else text["draft"]
    deadlines_html = "".join(
        f'<div class="small text-secondary">{escape(item.label)}: '
        f'{f"{item.date:%d.%m.%Y}" if item.date else escape(item.text)}</div>' for item in row.deadlines)
    date = timezone.localtime(row.date) if timezone.is_aware(row.date) else row.date
    files = "".join(f"<div>{escape(name)}</div>" for name in row.files) or "—"
    sign = (f'<a class="btn btn-sm btn-warning" href="{escape(row.sign_url)}">{text["sign"]}</a> '
            if row.sign_url else "")
    zip_link = (f'<a class="btn btn-sm btn-outline-secondary" href="{escape(row.zip_url)}" '
                f'title="{text["zip"]}">ZIP</a>' if row.files else "")
    return (
        f'<tr class="card-row has-details application-row"><td><a href="{url}">{number}</a></td>'
        f'<td data-label="{text["type"]}">{escape(row.kind_label)}</td>'
        f'<td data-label="{text["supply"]}">{escape(row.supply_label)}</td>'
        f'<td class="card-status"><span class="badge status-badge status-{escape(row.status)}">'
        f'{escape(row.status_label)}</span>{deadlines_html}</td>'
        f'<td class="text-nowrap" data-label="{text["date"]}">{date:%d.%m.%Y}</td>'
        f'<td data-label="{text["author"]}">{escape(row.applicant_name)}</td>'
        f'<td class="small" data-label="{text["files"]}">{files}</td>'
        f'<td class="text-nowrap card-actions">{sign}{zip_link}</td></tr>'
        f'<tr class="history-row card-details"><td colspan="8" class="pt-0">'
        f'<details class="history-details" data-history-url="{escape(row.history_url)}">'
        f'<summary class="small">{text["history"]}</summary><div class="history-slot small text-secondary">'
        f'<a href="{url}#history">{text["open_history"]}</a></div></details></td></tr>'
    )


class HistoryRow:
    """One row of partials/history_table.html read with `values()`: what the template asks of an
    ApplicationEvent (`created_at`, `is_status_change`, `get_to_status_display`, `label`,
    `actor.display_name`, `comment`, `attachments[].original_name`) without model instances."""

    __slots__ = ("created_at", "is_status_change", "to_status_label", "label", "actor", "comment", "attachments")

    def get_to_status_display(self):
        return self.to_status_label


class _Named:
    __slots__ = ("display_name", "original_name")

    def __init__(self, display_name="", original_name=""):
        self.display_name, self.original_name = display_name, original_name


HISTORY_EVENT_COLUMNS = ("pk", "from_status", "to_status", "comment", "created_at", "changes", "actor_id",
                         "actor__full_name", "actor__first_name", "actor__last_name", "actor__username",
                         "documents__original_name")


def history_rows(application):
    """The history of `application` as HistoryRow objects, oldest first, in one query whatever the
    number of rows: the events with their authors' names and, joined, the names of their files (a
    row per file, files in upload order), grouped here. The same table as the events with
    `select_related("actor").prefetch_related("documents")`, with less work per row; the SQL is the
    ORM's, captured once per process."""
    labels = {choice.value: str(choice.label) for choice in Status}
    rows, row, last_pk = [], None, None
    for values in _events_sql().rows({"application": application.pk}):
        event = dict(zip(HISTORY_EVENT_COLUMNS, values, strict=True))
        if event["pk"] != last_pk:
            row, last_pk = _history_row(event, labels), event["pk"]
            rows.append(row)
        if event["documents__original_name"] is not None:
            row.attachments.append(_Named(original_name=event["documents__original_name"]))
    return rows


def _history_row(event, labels):
    row = HistoryRow()
    row.created_at, row.comment, row.attachments = event["created_at"], event["comment"], []
    row.is_status_change = event["from_status"] != event["to_status"]
    row.to_status_label = labels.get(event["to_status"], event["to_status"])
    row.label = DETAILS_CORRECTED if event["changes"] else ""
    row.actor = None if event["actor_id"] is None else _Named(display_name=User.display_name_of(
        event["actor__full_name"], event["actor__first_name"], event["actor__last_name"], event["actor__username"]))
    return row


@functools.cache
def _events_sql():
    marker = _MARKERS["applicant"]
    events = (ApplicationEvent.objects.filter(application_id=marker)
              .order_by("created_at", "pk", "documents__uploaded_at", "documents__id")
              .values(*HISTORY_EVENT_COLUMNS))
    # PreparedQuery: `changes` decoded and `created_at` aware, as the ORM's converters make them.
    return PreparedQuery(events, {"application": marker})
