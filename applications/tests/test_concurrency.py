"""Races that only a real database with row locks can show; CI runs them on PostgreSQL."""

import pytest
from django.db import connection

from applications.models import Application, ApplicationEvent, Status
from applications.models.application import TransitionNotAllowed
from applications.tests.factories import ApplicationFactory, submitted, with_documents
from portal.tests.concurrency import run_together

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"),
]


def test_parallel_submissions_get_unique_gapless_numbers(reference_rows):
    drafts = [with_documents(ApplicationFactory(applicant=reference_rows["applicant"])) for _ in range(8)]
    results = run_together([lambda d=draft: d.submit(actor=d.applicant) for draft in drafts])
    assert not [r for r in results if isinstance(r, Exception)], results
    numbers = sorted(Application.objects.values_list("number", flat=True))
    assert [int(number[-6:]) for number in numbers] == list(range(1, 9))


def test_two_staff_acting_at_once_one_wins_and_history_stays_consistent(reference_rows):
    """Both press «Взять в работу» at the same moment: the row lock lets one through; the other is told
    the application has already moved on."""
    application = submitted(reference_rows["applicant"])
    staff = reference_rows["staff"]
    results = run_together([lambda: Application.objects.get(pk=application.pk).take_into_review(actor=staff)
                            for _ in range(2)])
    losers = [r for r in results if isinstance(r, TransitionNotAllowed)]
    assert len(losers) == 1, results
    application.refresh_from_db()
    moves = ApplicationEvent.objects.filter(application=application, to_status=Status.UNDER_REVIEW)
    assert application.status == Status.UNDER_REVIEW and moves.count() == 1


@pytest.fixture
def reference_rows(transactional_db):
    import importlib

    from django.apps import apps

    from accounts.tests.factories import ApplicantFactory, StaffFactory

    importlib.import_module("accounts.migrations.0002_staff_groups_and_consent").create(apps, None)
    return {"applicant": ApplicantFactory(username="racer"), "staff": StaffFactory(username="staffer")}
