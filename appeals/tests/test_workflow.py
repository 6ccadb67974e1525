import datetime

import pytest
from django.utils import timezone

from appeals.models import Appeal, AppealEvent, AppealFile, Status, TransitionNotAllowed
from appeals.services import FollowUpRefused, appeal_answer, appeal_follow_up
from appeals.tests.factories import answered, pdf_upload, registered
from notifications.models import Notification
from portal.workflow import Refused

pytestmark = pytest.mark.django_db


def last_event(appeal):
    return AppealEvent.objects.filter(appeal=appeal).order_by("-pk").first()


def notifications_for(appeal):
    return Notification.objects.filter(user=appeal.applicant, template="appeal_status")


def test_registration_numbers_the_appeal_sets_the_deadline_and_notifies(applicant):
    appeal = registered(applicant, uploads=[pdf_upload()])
    today = timezone.localdate()
    assert appeal.status == Status.ACCEPTED
    assert appeal.number == f"О-{today.year}-000001"
    assert appeal.due_date == today + datetime.timedelta(days=30)
    event = last_event(appeal)
    assert (event.from_status, event.to_status, event.actor) == ("", Status.ACCEPTED, applicant)
    assert [f.original_name for f in event.files.all()] == ["вопрос.pdf"]
    assert sorted(notifications_for(appeal).values_list("channel", flat=True)) == ["email", "sms"]
    assert appeal.number in notifications_for(appeal).get(channel="sms").body


def test_the_answer_deadline_is_configurable(applicant, settings):
    settings.APPEALS_ANSWER_DAYS = 15
    appeal = registered(applicant)
    assert appeal.due_date == timezone.localdate() + datetime.timedelta(days=15)


def test_numbers_are_gapless_and_separate_from_applications(applicant):
    from applications.tests.factories import submitted

    submitted(applicant)
    numbers = [registered(applicant).number for _ in range(3)]
    assert [number[-6:] for number in numbers] == ["000001", "000002", "000003"]
    assert all(number.startswith("О-") for number in numbers)


def test_no_sms_without_a_confirmed_phone(applicant):
    applicant.phone_confirmed_at = None
    applicant.save()
    appeal = registered(applicant)
    assert list(notifications_for(appeal).values_list("channel", flat=True)) == ["email"]


def test_taking_into_work_and_answering_write_history_and_notify(applicant, staff):
    appeal = registered(applicant)
    appeal.take_into_work(actor=staff, comment="Передано в ПТО")
    assert appeal.status == Status.PROCESSED
    assert (last_event(appeal).to_status, last_event(appeal).comment) == (Status.PROCESSED, "Передано в ПТО")
    assert notifications_for(appeal).count() == 4
    appeal_answer(appeal=appeal, actor=staff, text="  Подключим в мае.  ", uploads=[pdf_upload("ответ.pdf")])
    appeal.refresh_from_db()
    assert (appeal.status, appeal.answer, appeal.answered_by) == (Status.ANSWERED, "Подключим в мае.", staff)
    assert [f.original_name for f in last_event(appeal).files.all()] == ["ответ.pdf"]
    assert appeal.files.get(original_name="ответ.pdf").role == "answer"
    email = notifications_for(appeal).filter(channel="email").order_by("-pk").first()
    assert "Подключим в мае." in email.body and notifications_for(appeal).count() == 6


def test_an_empty_answer_is_refused_and_changes_nothing(applicant, staff):
    appeal = registered(applicant)
    appeal.take_into_work(actor=staff)
    with pytest.raises(Refused):
        appeal_answer(appeal=appeal, actor=staff, text="   ", uploads=[pdf_upload("ответ.pdf")])
    appeal.refresh_from_db()
    assert appeal.status == Status.PROCESSED and not AppealFile.objects.filter(role="answer").exists()


def test_a_move_from_the_wrong_status_is_refused(applicant, staff):
    appeal = registered(applicant)
    with pytest.raises(TransitionNotAllowed):
        appeal.send_answer(actor=staff, text="Ответ")
    done = answered(applicant, staff)
    with pytest.raises(TransitionNotAllowed):
        done.take_into_work(actor=staff)
    assert Appeal.objects.get(pk=appeal.pk).status == Status.ACCEPTED


def test_a_follow_up_is_added_while_open_and_refused_after_the_answer(applicant, staff):
    appeal = registered(applicant)
    event = appeal_follow_up(appeal=appeal, actor=applicant, text="Дополнение", uploads=[pdf_upload("план.pdf")])
    assert not event.is_status_change and event.comment == "Дополнение"
    assert appeal.files.filter(role="question").count() == 1
    done = answered(applicant, staff)
    with pytest.raises(FollowUpRefused):
        appeal_follow_up(appeal=done, actor=applicant, text="Ещё вопрос")


def test_a_rolled_back_registration_gives_its_number_back(applicant):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        registered(applicant)
        raise RuntimeError("the request failed after registering")
    assert registered(applicant).number.endswith("000001")
    assert Notification.objects.filter(template="appeal_status").count() == 2


def test_overdue_and_due_soon_count_only_open_appeals(applicant, staff):
    late, soon, done = registered(applicant), registered(applicant), answered(applicant, staff)
    today = timezone.localdate()
    Appeal.objects.filter(pk__in=[late.pk, done.pk]).update(due_date=today - datetime.timedelta(days=1))
    Appeal.objects.filter(pk=soon.pk).update(due_date=today + datetime.timedelta(days=2))
    assert list(Appeal.objects.overdue(today)) == [late]
    assert list(Appeal.objects.due_soon(today, today + datetime.timedelta(days=3))) == [soon]
