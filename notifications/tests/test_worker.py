"""A real Celery worker subprocess delivers committed events through SMTP and the SMS gateway.

Each message must arrive exactly once: counted at the SMTP stand-in by its X-Portal-Notification
header and at the SMS.ru stand-in by number and text.
"""

import time

import pytest
import redis
from django.db import transaction

from notifications.models import Notification, Status
from notifications.services import notifications_requeue_unsent, queue_email, queue_sms
from notifications.tasks import send_notification
from notifications.testing import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
DELIVERY_TIMEOUT = 30


def commit_event(number):
    """What a domain event does: its notifications are written in its transaction."""
    context = {"object_label": f"Заявка № 2026-{number:06d}", "status_label": "Принята",
               "url": f"https://portal.example/applications/{number}/"}
    with transaction.atomic():
        email = queue_email(to=f"user{number}@example.ru", template="status_changed", context=context)
        sms = queue_sms(to=f"+7916{number:07d}", template="status_changed", context=context)
    return email, sms


def wait_until_all_sent():
    wait_until(lambda: not Notification.objects.exclude(status=Status.SENT).exists(),
               timeout=DELIVERY_TIMEOUT, interval=0.1, message="every notification to be sent")


def wait_until_queue_drained(broker_url):
    """Also the duplicate tasks are consumed (and acknowledged) before the counting."""
    client = redis.Redis.from_url(broker_url)
    wait_until(lambda: client.llen("celery") == 0 and client.hlen("unacked") == 0,
               timeout=DELIVERY_TIMEOUT, interval=0.1, message="the broker queue to drain")


def assert_delivered_exactly_once(events, smtp_sink, sms_gateway):
    emails = [email for email, _sms in events]
    texts = [(sms.recipient.lstrip("+"), sms.body) for _email, sms in events]
    assert sorted(smtp_sink.notification_ids()) == sorted(email.pk for email in emails)
    assert sorted(sms_gateway.delivered()) == sorted(texts)
    assert set(Notification.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}


def test_committed_events_are_delivered_once_even_with_duplicate_tasks(
    start_worker, use_broker, clean_test_redis, smtp_sink, sms_gateway
):
    use_broker(clean_test_redis)
    start_worker(clean_test_redis)

    events = [commit_event(number) for number in range(1, 4)]
    for email, sms in events:  # a second worker's or a re-queue's copy of each task
        send_notification.delay(email.pk)
        send_notification.delay(sms.pk)

    wait_until_all_sent()
    wait_until_queue_drained(clean_test_redis)
    assert_delivered_exactly_once(events, smtp_sink, sms_gateway)


def test_events_committed_while_redis_is_down_go_out_once_it_is_back(
    private_redis, start_worker, use_broker, smtp_sink, sms_gateway
):  # private_redis first: it is stopped only after the worker
    use_broker(private_redis.url)
    private_redis.stop()

    events = []
    for number in range(1, 5):
        started = time.monotonic()
        events.append(commit_event(number))
        assert time.monotonic() - started < 0.5, "publishing must fail fast while Redis is down"
    assert set(Notification.objects.values_list("status", "attempts")) == {(Status.QUEUED, 0)}

    private_redis.start()
    start_worker(private_redis.url)
    assert notifications_requeue_unsent(older_than_seconds=0) == 2 * len(events)

    wait_until_all_sent()
    wait_until_queue_drained(private_redis.url)
    assert_delivered_exactly_once(events, smtp_sink, sms_gateway)
