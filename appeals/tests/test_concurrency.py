"""Races that only a real database with row locks can show; CI runs them on PostgreSQL."""

import pytest
from django.db import connection
from django.db.models import F

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


def test_an_admin_save_a_follow_up_and_two_answers_at_once_keep_status_and_history_in_step(people):
    """Issue 12 §2 for appeals: the admin change form (saved to add an internal note) used to write the
    whole row it had read, so a concurrent answer could be undone and answered again."""
    from django.contrib import admin
    from django.test import RequestFactory

    from appeals.admin import AppealAdmin
    from notifications.models import Notification

    staff = people["staff"]
    appeal = registered(people["applicant"])
    appeal.take_into_work(actor=staff)
    stale = Appeal.objects.get(pk=appeal.pk)  # what the admin's change form read before the answers
    request = RequestFactory().post("/")
    request.user = staff
    notices_before = Notification.objects.filter(template="appeal_status").count()
    results = run_together([
        lambda: AppealAdmin(Appeal, admin.site).save_model(request, stale, None, True),
        lambda: appeal_follow_up(appeal=Appeal.objects.get(pk=appeal.pk), actor=people["applicant"], text="Ещё"),
        lambda: appeal_answer(appeal=Appeal.objects.get(pk=appeal.pk), actor=staff, text="Первый"),
        lambda: appeal_answer(appeal=Appeal.objects.get(pk=appeal.pk), actor=staff, text="Второй"),
    ])
    unexpected = [r for r in results if isinstance(r, Exception)
                  and not isinstance(r, (TransitionNotAllowed, FollowUpRefused))]
    assert not unexpected, results
    appeal.refresh_from_db()
    moves = AppealEvent.objects.filter(appeal=appeal).exclude(from_status=F("to_status")).order_by("pk")
    assert appeal.status == Status.ANSWERED == moves.last().to_status
    assert moves.filter(to_status=Status.ANSWERED).count() == 1
    assert Notification.objects.filter(template="appeal_status").count() - notices_before == 2  # e-mail + SMS


def test_a_stale_admin_save_cannot_undo_the_answer(people):
    from django.contrib import admin
    from django.test import RequestFactory

    from appeals.admin import AppealAdmin

    appeal = registered(people["applicant"])
    appeal.take_into_work(actor=people["staff"])
    stale = Appeal.objects.get(pk=appeal.pk)
    appeal_answer(appeal=appeal, actor=people["staff"], text="Ответ")
    request = RequestFactory().post("/")
    request.user = people["staff"]
    AppealAdmin(Appeal, admin.site).save_model(request, stale, None, True)
    appeal.refresh_from_db()
    assert appeal.status == Status.ANSWERED and appeal.answer == "Ответ"


@pytest.fixture
def people(transactional_db):
    import importlib

    from django.apps import apps

    from accounts.tests.factories import ApplicantFactory, StaffFactory

    importlib.import_module("accounts.migrations.0002_staff_groups_and_consent").create(apps, None)
    return {"applicant": ApplicantFactory(username="racer"), "staff": StaffFactory(username="staffer")}
