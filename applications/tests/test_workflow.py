import datetime

import pytest
from django.utils import timezone

from applications.models import Application, ApplicationEvent, DeadlineRule, DeadlineStep, Status
from applications.models.application import TransitionNotAllowed
from applications.services import annul_expired_corrections
from applications.tests.factories import ApplicationFactory, submitted
from notifications.models import Notification
from portal.workflow import Refused

pytestmark = pytest.mark.django_db


def last_event(application):
    return ApplicationEvent.objects.filter(application=application).order_by("-pk").first()


def notifications_for(application):
    return Notification.objects.filter(user=application.applicant, template="application_status")


def test_submission_numbers_the_application_and_records_history_and_notices(applicant):
    application = submitted(applicant)
    assert application.status == Status.SUBMITTED
    assert application.number == f"{timezone.localdate().year}-000001"
    event = last_event(application)
    assert (event.from_status, event.to_status, event.actor) == (Status.DRAFT, Status.SUBMITTED, applicant)
    channels = sorted(notifications_for(application).values_list("channel", flat=True))
    assert channels == ["email", "sms"]
    assert application.number in notifications_for(application).get(channel="sms").body


def test_numbers_follow_each_other_without_gaps(applicant):
    numbers = [submitted(applicant).number for _ in range(3)]
    assert [number[-6:] for number in numbers] == ["000001", "000002", "000003"]


def test_each_staff_transition_writes_history_and_notifies(applicant, staff):
    application = submitted(applicant)
    steps = [
        (lambda: application.take_into_review(actor=staff), Status.UNDER_REVIEW),
        (lambda: application.request_signature(actor=staff), Status.AWAITING_SIGNATURE),
        (lambda: application.mark_signed(actor=applicant), Status.SIGNED),
        (lambda: application.reject(actor=staff, comment="Нет мощности"), Status.REJECTED),
    ]
    for step, expected in steps:
        before = notifications_for(application).count()
        step()
        assert application.status == expected
        assert last_event(application).to_status == expected
        assert notifications_for(application).count() == before + 2
    assert application.rejection_reason == "Нет мощности"
    assert application.due_date is None


def test_a_move_from_the_wrong_status_is_refused_and_changes_nothing(applicant, staff):
    application = ApplicationFactory(applicant=applicant)
    with pytest.raises(TransitionNotAllowed):
        application.take_into_review(actor=staff)
    assert Application.objects.get(pk=application.pk).status == Status.DRAFT
    assert not ApplicationEvent.objects.filter(application=application).exists()
    assert not notifications_for(application).exists()


@pytest.mark.parametrize("method", ["reject", "request_correction"])
def test_a_reason_is_required(applicant, staff, method):
    application = submitted(applicant)
    with pytest.raises(Refused):
        getattr(application, method)(actor=staff, comment="  ")
    assert Application.objects.get(pk=application.pk).status == Status.SUBMITTED


def test_completion_needs_result_documents(applicant, staff):
    application = submitted(applicant)
    with pytest.raises(Refused):
        application.complete(actor=staff, documents=[])


def test_deadlines_are_working_days_from_the_rules(applicant, staff, monkeypatch):
    monkeypatch.setattr("applications.models.transitions._today", lambda: datetime.date(2026, 11, 2))
    application = submitted(applicant)
    assert application.due_date == datetime.date(2026, 11, 6)         # 3 working days, 4 November is a holiday
    assert application.answer_due_date == datetime.date(2026, 11, 12)  # 7 working days for technical conditions
    DeadlineRule.objects.create(step=DeadlineStep.ANSWER, kind=application.kind, supply_type="", working_days=10)
    assert DeadlineRule.days_for(application, DeadlineStep.ANSWER) == 10
    DeadlineRule.objects.create(step=DeadlineStep.ANSWER, kind=application.kind,
                                supply_type=application.supply_type, working_days=5)
    assert DeadlineRule.days_for(application, DeadlineStep.ANSWER) == 5


def test_the_clock_stops_while_the_applicant_corrects(applicant, staff, monkeypatch):
    today = {"value": datetime.date(2026, 11, 2)}
    monkeypatch.setattr("applications.models.transitions._today", lambda: today["value"])
    application = submitted(applicant)
    application.take_into_review(actor=staff)
    today["value"] = datetime.date(2026, 11, 5)   # 2 of the 7 days used (3rd, 5th)
    application.request_correction(actor=staff, comment="Приложите ситуационный план")
    assert application.answer_days_left == 5
    assert application.due_date == datetime.date(2026, 12, 3)   # 20 working days for the applicant
    today["value"] = datetime.date(2026, 11, 20)
    application.resubmit(actor=applicant)
    assert application.status == Status.UNDER_REVIEW
    assert application.answer_due_date == datetime.date(2026, 11, 27)  # the 5 remaining days


def test_an_unanswered_correction_request_annuls_the_application(applicant, staff):
    application = submitted(applicant)
    application.request_correction(actor=staff, comment="Исправьте адрес")
    fresh = submitted(applicant)
    fresh.request_correction(actor=staff, comment="Исправьте адрес")
    Application.objects.filter(pk=application.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=1))
    assert annul_expired_corrections() == 1
    application.refresh_from_db()
    fresh.refresh_from_db()
    assert application.status == Status.ANNULLED and fresh.status == Status.NEEDS_CORRECTION
    assert last_event(application).actor is None
    assert notifications_for(application).filter(body__contains="Аннулирована").exists()


def test_the_applicant_may_withdraw_until_completion(applicant, staff):
    application = submitted(applicant)
    application.take_into_review(actor=staff)
    application.withdraw(actor=applicant, comment="Передумал")
    assert application.status == Status.WITHDRAWN
    with pytest.raises(TransitionNotAllowed):
        application.withdraw(actor=applicant)


def test_a_rolled_back_submission_gives_its_number_back(applicant):
    from django.db import transaction

    application = ApplicationFactory(applicant=applicant)
    from applications.tests.factories import with_documents

    with_documents(application)
    with pytest.raises(RuntimeError), transaction.atomic():
        application.submit(actor=applicant)
        raise RuntimeError("the request failed after submitting")
    assert submitted(applicant).number.endswith("000001")
