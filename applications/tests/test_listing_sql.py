"""The applicant list's rows read with SQL the ORM wrote once per process (listing.ApplicantRows)
against the queryset they stand for: the same rows, counts and slices for every kind of filter."""

import datetime

import pytest

from applications import listing
from applications.models import Application, Kind, Status, SupplyType
from applications.tests.factories import ApplicationFactory, submitted, with_documents

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
FILTERS = [
    {},
    {"status": Status.SUBMITTED},
    {"status": Status.DRAFT, "supply_type": SupplyType.HEAT},
    {"date_from": TODAY - datetime.timedelta(days=3), "date_to": TODAY, "kind": Kind.TECHNICAL_CONDITIONS},
    {"date_from": TODAY, "kind": Kind.TECHNICAL_CONDITIONS, "status": Status.SUBMITTED,
     "supply_type": SupplyType.COLD_WATER},
    {"date_to": TODAY - datetime.timedelta(days=1)},
]


@pytest.fixture
def applications(applicant, staff):
    made = [submitted(applicant) for _ in range(4)] + [ApplicationFactory(applicant=applicant) for _ in range(3)]
    made.append(submitted(applicant, kind=Kind.TECHNICAL_CONDITIONS, supply_type=SupplyType.COLD_WATER))
    made.append(submitted())  # another applicant's
    for days, application in enumerate(made):
        Application.objects.filter(pk=application.pk).update(
            created_at=application.created_at - datetime.timedelta(days=days))
    with_documents(made[4])
    with_documents(made[5])
    return made


@pytest.mark.parametrize("filters", FILTERS)
def test_rows_and_counts_are_the_querysets(applicant, applications, filters):
    queryset = Application.objects.for_applicant(applicant).filtered(**filters).values(*listing.ROW_COLUMNS)
    rows = listing.ApplicantRows(applicant, filters)
    assert rows.count() == queryset.count()
    for start, stop in ((0, 20), (1, 3), (5, 25), (0, 0)):
        assert rows[start:stop] == list(queryset[start:stop])


def test_each_row_has_its_documents_names(applicant, applications):
    page = listing.list_rows(listing.ApplicantRows(applicant, {})[0:20])
    expected = {row.pk: [document.original_name for document in
                         Application.objects.get(pk=row.pk).documents.order_by("uploaded_at", "pk")]
                for row in page}
    assert {row.pk: row.files for row in page} == expected
    assert sum(len(files) for files in expected.values()) > 1


def test_someone_elses_applications_are_not_counted(applicant, applications, staff):
    assert listing.ApplicantRows(staff, {}).count() == 0
    assert listing.ApplicantRows(applicant, {}).count() == len(applications) - 1


def test_the_history_is_read_as_the_orm_reads_it(applicant, staff):
    """history_rows reads the events with SQL captured once per process: the JSON of `changes` is
    decoded as the ORM decodes it (a corrected-details row), and each row keeps its files."""
    from applications.models import ApplicationEvent

    application = submitted(applicant)
    application.request_correction(actor=staff, comment="Ещё раз")
    application.resubmit(actor=applicant)
    ApplicationEvent.objects.create(application=application, from_status="submitted", to_status="submitted",
                                    actor=staff, changes={"object_address": ["a", "b"]})
    application.events.first().documents.add(*application.documents.all())
    events = application.events.select_related("actor").prefetch_related("documents")
    rows = listing.history_rows(application)
    assert [(row.created_at, row.label, row.comment, [name.original_name for name in row.attachments])
            for row in rows] == [(event.created_at, event.label, event.comment,
                                  [document.original_name for document in event.documents.all()])
                                 for event in events]
    assert any(row.label for row in rows) and max(len(row.attachments) for row in rows) > 1
    assert any(not row.attachments for row in rows)  # an event without files is still a row
