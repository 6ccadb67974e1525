"""Every deadline the applicant sees has its name: the step's (completeness check, own corrections)
and the final answer's; the correction deadline is in the correction request's e-mail and SMS."""

import datetime

import pytest
from django.urls import reverse

from applications.models import Status
from applications.receipt import receipt_rows
from applications.tests.factories import submitted
from notifications.models import Channel, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(monkeypatch):
    day = {"value": datetime.date(2026, 11, 2)}
    monkeypatch.setattr("applications.models.transitions._today", lambda: day["value"])
    return day


def test_a_submitted_application_names_both_deadlines(client, applicant, today):
    application = submitted(applicant)
    client.force_login(applicant)
    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert f"Срок проверки комплектности:</span> <strong>{application.due_date:%d.%m.%Y}" in page
    assert f"Срок окончательного ответа:</span> <strong>{application.answer_due_date:%d.%m.%Y}" in page
    receipt = client.get(reverse("applications:receipt_page", args=[application.pk])).content.decode()
    assert f"Срок проверки комплектности — до {application.due_date:%d.%m.%Y}" in receipt
    assert f"срок окончательного ответа — до {application.answer_due_date:%d.%m.%Y}" in receipt
    labels = dict(receipt_rows(application)[0])
    assert labels["Срок проверки комплектности"] and labels["Срок окончательного ответа"]


def test_while_correcting_the_applicant_sees_the_correction_deadline_and_a_stopped_answer(
        client, applicant, staff, today):
    application = submitted(applicant)
    application.take_into_review(actor=staff)
    today["value"] = datetime.date(2026, 11, 5)
    application.request_correction(actor=staff, comment="Приложите ситуационный план")
    client.force_login(applicant)
    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert "Срок исправления заявки:</span> <strong>03.12.2026" in page
    assert "срок приостановлен; после ваших действий останется 5 рабочих дней" in page
    assert "Срок окончательного ответа" not in page


def test_the_correction_request_e_mail_and_sms_give_the_correction_deadline(applicant, staff, today):
    application = submitted(applicant)
    application.request_correction(actor=staff, comment="Приложите план")
    assert application.status == Status.NEEDS_CORRECTION
    rows = Notification.objects.filter(template="application_status", context__number=application.number)
    email = rows.filter(channel=Channel.EMAIL).latest("pk")
    sms = rows.filter(channel=Channel.SMS).latest("pk")
    due = f"{application.due_date:%d.%m.%Y}"
    assert f"Исправьте заявку и отправьте её снова до {due}" in email.body
    assert f"Исправьте заявку и отправьте её снова до {due}" in email.html_body
    assert f"Исправьте до {due}." in sms.body


def test_the_submission_e_mail_names_the_deadlines(applicant, today):
    application = submitted(applicant)
    email = Notification.objects.filter(channel=Channel.EMAIL, context__number=application.number).latest("pk")
    assert (f"Срок проверки комплектности: {application.due_date:%d.%m.%Y}; "
            f"Срок окончательного ответа: {application.answer_due_date:%d.%m.%Y}") in email.body


def test_the_staff_dashboard_names_the_step_deadline(client, applicant, staff, today):
    application = submitted(applicant)
    application.branch.staff.add(staff)
    client.force_login(staff)
    type(application).objects.filter(pk=application.pk).update(due_date=datetime.date(2026, 11, 1))
    page = client.get(reverse("staff_dashboard")).content.decode()
    assert "срок этапа — до 01.11.2026" in page
