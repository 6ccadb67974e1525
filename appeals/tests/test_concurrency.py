"""Races that only a real database with row locks can show; CI runs them on PostgreSQL."""

import pytest
from django.db import connection

from appeals.models import Appeal, AppealEvent, Status, TransitionNotAllowed
from appeals.services import FollowUpRefused, appeal_answer, appeal_follow_up
from appeals.tests.factories import TopicFactory, registered
from portal.tests.concurrency import run_together
from portal.tests.factories import BranchFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"),
]


def test_parallel_registrations_get_unique_gapless_numbers(people):
    branch, topic = BranchFactory(), TopicFactory()
    results = run_together([lambda: registered(people["applicant"], branch=branch, topic=topic) for _ in range(8)])
    assert not [r for r in results if isinstance(r, Exception)], results
    numbers = sorted(Appeal.objects.values_list("number", flat=True))
    assert [int(number[-6:]) for number in numbers] == list(range(1, 9))


def test_an_answer_and_a_follow_up_at_once_never_leave_a_follow_up_after_the_answer(people):
    appeal = registered(people["applicant"])
    appeal.take_into_work(actor=people["staff"])
    results = run_together([
        lambda: appeal_answer(appeal=Appeal.objects.get(pk=appeal.pk), actor=people["staff"], text="Ответ"),
        lambda: appeal_follow_up(appeal=Appeal.objects.get(pk=appeal.pk), actor=people["applicant"], text="Ещё"),
    ])
    assert not [r for r in results if isinstance(r, Exception) and not isinstance(r, FollowUpRefused)], results
    events = list(AppealEvent.objects.filter(appeal=appeal).order_by("pk"))
    assert events[-1].to_status == Status.ANSWERED  # a follow-up, if it won, came before the answer


def test_two_staff_answering_at_once_one_wins(people):
    appeal = registered(people["applicant"])
    appeal.take_into_work(actor=people["staff"])
    results = run_together([
        lambda text=text: appeal_answer(appeal=Appeal.objects.get(pk=appeal.pk), actor=people["staff"], text=text)
        for text in ("Первый", "Второй")
    ])
    assert len([r for r in results if isinstance(r, TransitionNotAllowed)]) == 1, results
    assert AppealEvent.objects.filter(appeal=appeal, to_status=Status.ANSWERED).count() == 1


@pytest.fixture
def people(transactional_db):
    import importlib

    from django.apps import apps

    from accounts.tests.factories import ApplicantFactory, StaffFactory

    importlib.import_module("accounts.migrations.0002_staff_groups_and_consent").create(apps, None)
    return {"applicant": ApplicantFactory(username="racer"), "staff": StaffFactory(username="staffer")}
