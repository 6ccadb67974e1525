"""notification_deliver and the send task: claim once, retry transient errors, fail permanent ones."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from notifications.delivery import notification_deliver, retry_delay
from notifications.mailer import NOTIFICATION_HEADER
from notifications.models import Notification, Status
from notifications.services import queue_email, queue_sms
from notifications.tasks import send_notification

pytestmark = pytest.mark.django_db
CONTEXT = {"object_label": "Заявка № 1", "status_label": "Принята", "url": "https://portal.example/a/1/"}


def email(to="ivanov@example.ru"):
    return queue_email(to=to, template="status_changed", context=CONTEXT)


def sms(to="+79161234567"):
    return queue_sms(to=to, template="status_changed", context=CONTEXT)


def make_due(notification):
    Notification.objects.filter(pk=notification.pk).update(next_attempt_at=timezone.now())


def test_claiming_twice_sends_once():
    notification = email()

    assert notification_deliver(notification_id=notification.pk) is None
    assert notification_deliver(notification_id=notification.pk) is None
    send_notification.delay(notification.pk)  # a duplicate task

    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert notification.attempts == 1
    assert notification.sent_at is not None and notification.last_error == ""


def test_the_email_carries_the_row_id_and_a_stable_message_id():
    notification = email()

    notification_deliver(notification_id=notification.pk)

    message = mail.outbox[0]
    assert message.extra_headers[NOTIFICATION_HEADER] == str(notification.pk)
    assert message.extra_headers["Message-ID"].startswith(f"<notification.{notification.pk}.")
    assert message.to == ["ivanov@example.ru"] and message.subject == notification.subject
    assert message.alternatives[0][1] == "text/html"
    notification.refresh_from_db()
    assert notification.provider_message_id == message.extra_headers["Message-ID"]


def test_a_row_not_yet_due_is_left_alone():
    notification = email()
    Notification.objects.filter(pk=notification.pk).update(next_attempt_at=timezone.now() + timedelta(minutes=1))

    assert notification_deliver(notification_id=notification.pk) is None

    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.status == Status.QUEUED and notification.attempts == 0


def test_a_transient_smtp_error_queues_the_row_again_with_backoff(smtp_settings, closed_port):
    smtp_settings.EMAIL_PORT = closed_port
    notification = email()
    before = timezone.now()

    assert notification_deliver(notification_id=notification.pk) == 30

    notification.refresh_from_db()
    assert notification.status == Status.QUEUED and notification.attempts == 1
    assert "Connection" in notification.last_error
    assert before + timedelta(seconds=29) < notification.next_attempt_at < timezone.now() + timedelta(seconds=31)
    make_due(notification)
    assert notification_deliver(notification_id=notification.pk) == 60


def test_it_fails_the_row_after_the_last_allowed_attempt(smtp_settings, closed_port):
    smtp_settings.EMAIL_PORT = closed_port
    smtp_settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
    notification = email()

    notification_deliver(notification_id=notification.pk)
    make_due(notification)
    assert notification_deliver(notification_id=notification.pk) is None

    notification.refresh_from_db()
    assert notification.status == Status.FAILED and notification.attempts == 2


def test_a_refused_recipient_fails_at_once(smtp_settings):
    notification = email(to="refuse@example.ru")

    assert notification_deliver(notification_id=notification.pk) is None

    notification.refresh_from_db()
    assert notification.status == Status.FAILED and notification.attempts == 1
    assert "550" in notification.last_error


def test_an_email_goes_through_smtp(smtp_settings, smtp_sink):
    notification = email()

    notification_deliver(notification_id=notification.pk)

    assert smtp_sink.notification_ids() == [notification.pk]
    received = smtp_sink.messages[0]["message"]
    assert received["Subject"].strip() == notification.subject
    assert received.get_body(("plain",)).get_content().replace("\r\n", "\n").strip() == notification.body.strip()
    notification.refresh_from_db()
    assert notification.status == Status.SENT


def test_an_sms_goes_to_the_gateway_and_keeps_its_id(smsru_settings, sms_gateway):
    notification = sms()

    notification_deliver(notification_id=notification.pk)

    assert sms_gateway.delivered() == [("79161234567", notification.body)]
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert notification.provider_message_id.startswith("000000-")


def test_an_invalid_number_reported_by_the_gateway_fails_the_row(smsru_settings, sms_gateway):
    sms_gateway.script("79161234567", code=207)
    notification = sms()

    assert notification_deliver(notification_id=notification.pk) is None

    notification.refresh_from_db()
    assert notification.status == Status.FAILED and "207" in notification.last_error


def test_an_unavailable_gateway_is_retried(smsru_settings, sms_gateway):
    sms_gateway.script("79161234567", top_code=220)
    notification = sms()

    send_notification.delay(notification.pk)  # eager: the task's retry finds the row not yet due

    notification.refresh_from_db()
    assert notification.status == Status.QUEUED and notification.attempts == 1
    assert "220" in notification.last_error


def test_the_backoff_doubles_up_to_an_hour():
    assert [retry_delay(attempt) for attempt in (1, 2, 3, 4, 8, 20)] == [30, 60, 120, 240, 3600, 3600]
