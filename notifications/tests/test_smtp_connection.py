"""One SMTP connection per worker, reused for its next messages (issue 18), and dropped after errors."""

import pytest

from notifications import mailer
from notifications.models import Notification, Status
from notifications.services import notification_deliver, queue_email

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_mailer_connection")]
CONTEXT = {"object_label": "Заявка № 1", "status_label": "Принята", "url": "https://portal.example/a/1/"}


def deliver(to):
    notification = queue_email(to=to, template="status_changed", context=CONTEXT)
    notification_deliver(notification_id=notification.pk)
    notification.refresh_from_db()
    return notification


def peers(sink):
    return [message["peer"] for message in sink.messages]


def test_messages_of_a_worker_share_one_connection(smtp_settings, smtp_sink):
    sent = [deliver(f"user{number}@example.ru") for number in range(3)]
    assert all(notification.status == Status.SENT for notification in sent)
    assert smtp_sink.notification_ids() == [notification.pk for notification in sent]
    assert len(set(peers(smtp_sink))) == 1


def test_after_an_error_the_next_message_opens_a_new_connection(smtp_settings, smtp_sink):
    first = deliver("first@example.ru")
    refused = deliver("refuse@example.ru")
    after = deliver("after@example.ru")
    assert (first.status, refused.status, after.status) == (Status.SENT, Status.FAILED, Status.SENT)
    assert smtp_sink.notification_ids() == [first.pk, after.pk]
    assert peers(smtp_sink)[0] != peers(smtp_sink)[1]


def test_an_idle_connection_is_not_reused(smtp_settings, smtp_sink, monkeypatch):
    monkeypatch.setattr(mailer, "IDLE_SECONDS", 0)
    deliver("first@example.ru")
    deliver("second@example.ru")
    assert len(set(peers(smtp_sink))) == 2


def test_a_changed_mail_server_gets_its_own_connection(smtp_settings, smtp_sink, closed_port):
    assert deliver("first@example.ru").status == Status.SENT
    smtp_settings.EMAIL_PORT = closed_port
    failed = deliver("second@example.ru")
    assert failed.status == Status.QUEUED and failed.last_error  # transient: retried later
    assert smtp_sink.notification_ids() == [Notification.objects.get(recipient="first@example.ru").pk]
