"""The applicant's list rows, made with as little work per row as the page allows (issue 18).

The list is the page applicants open most, and every first visit renders it: a row is a plain object
read with `values()` (only the shown columns, no model instances), its labels come from one
dictionary per page (not `get_FOO_display()` with a gettext per call) and its links from one
`reverse()` per kind of link (not three to five per row).
"""

from django.urls import reverse

from applications.deadline_labels import deadlines
from applications.models import ApplicationDocument, Kind, Status, SupplyType

ROW_COLUMNS = ("pk", "number", "kind", "supply_type", "status", "submitted_at", "created_at", "applicant_name",
               "due_date", "answer_days_left", "answer_due_date")
# A pk no real row has; reverse() is asked once with it and the pk is put in its place per row.
_PLACEHOLDER = 987654321


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
    pattern = reverse(name, args=[_PLACEHOLDER])
    before, after = pattern.split(str(_PLACEHOLDER), 1)
    return lambda pk: f"{before}{pk}{after}"


def list_rows(values):
    """Rows for the dictionaries of one page (`queryset.values(*ROW_COLUMNS)`), with two more
    queries at most: none here but one for the documents' names of all rows."""
    rows = [Row(value) for value in values]
    files = {row.pk: [] for row in rows}
    if files:
        documents = (ApplicationDocument.objects.filter(application_id__in=files)
                     .order_by("application_id", "uploaded_at", "pk").values_list("application_id", "original_name"))
        for application_id, name in documents:
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
