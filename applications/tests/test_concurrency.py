"""Races that only a real database with row locks can show; CI runs them on PostgreSQL."""

import threading

import pytest
from django.db import connection, connections

from applications.models import Application, ApplicationEvent, Status
from applications.models.application import TransitionNotAllowed
from applications.tests.factories import ApplicationFactory, submitted, with_documents

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"),
]


def run_together(functions):
    """Start the functions at the same moment in threads, each with its own connection."""
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def runner(index, function):
        try:
            barrier.wait()
            results[index] = function()
        except Exception as error:  # noqa: BLE001 - the test inspects what each thread met
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_parallel_submissions_get_unique_gapless_numbers(reference_rows):
    drafts = [with_documents(ApplicationFactory(applicant=reference_rows["applicant"])) for _ in range(8)]
    results = run_together([lambda d=draft: d.submit(actor=d.applicant) for draft in drafts])
    assert not [r for r in results if isinstance(r, Exception)], results
    numbers = sorted(Application.objects.values_list("number", flat=True))
    assert [int(number[-6:]) for number in numbers] == list(range(1, 9))


def test_two_staff_acting_at_once_one_wins_and_history_stays_consistent(reference_rows):
    application = submitted(reference_rows["applicant"])
    staff = reference_rows["staff"]
    results = run_together([
        lambda: Application.objects.get(pk=application.pk).take_into_review(actor=staff),
        lambda: Application.objects.get(pk=application.pk).reject(actor=staff, comment="Дубликат"),
    ])
    losers = [r for r in results if isinstance(r, TransitionNotAllowed)]
    assert len(losers) == 1, results
    application.refresh_from_db()
    events = list(ApplicationEvent.objects.filter(application=application).order_by("pk"))
    assert [e.to_status for e in events][-1] == application.status
    assert len(events) == 2 + 3  # three "document added" rows, submission, the winner's move
    assert application.status in (Status.UNDER_REVIEW, Status.REJECTED)


@pytest.fixture
def reference_rows(transactional_db):
    import importlib

    from django.apps import apps

    from accounts.tests.factories import ApplicantFactory, StaffFactory

    importlib.import_module("accounts.migrations.0002_staff_groups_and_consent").create(apps, None)
    return {"applicant": ApplicantFactory(username="racer"), "staff": StaffFactory(username="staffer")}
