"""notifications_requeue_unsent: stale queued rows are published again, nothing else is."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from notifications import delivery, services
from notifications.models import Notification, Status
from notifications.services import notifications_requeue_unsent, queue_email
from notifications.tasks import requeue_unsent_notifications

pytestmark = pytest.mark.django_db
CONTEXT = {"object_label": "Заявка № 1", "status_label": "Принята"}


@pytest.fixture(autouse=True)
def one_message_per_task(settings):
    """What is published is under test here; a task's batch would also send the other due rows
    (test_batches.py)."""
    settings.NOTIFICATIONS_BATCH_SIZE = 0


def row(*, status=Status.QUEUED, due_seconds_ago=0, **fields):
    """A queued e-mail whose task got lost (on_commit does not run inside the test transaction)."""
    notification = queue_email(to="a@example.ru", template="status_changed", context=CONTEXT)
    Notification.objects.filter(pk=notification.pk).update(
        status=status, next_attempt_at=timezone.now() - timedelta(seconds=due_seconds_ago), **fields)
    return notification


def sent_ids():
    return sorted(int(message.extra_headers["X-Portal-Notification"]) for message in mail.outbox)


def test_it_publishes_only_rows_queued_longer_than_the_threshold():
    stale = row(due_seconds_ago=120)
    fresh = row(due_seconds_ago=10)
    retry_later = row(due_seconds_ago=-300)
    sent = row(status=Status.SENT, due_seconds_ago=600)
    failed = row(status=Status.FAILED, due_seconds_ago=600)

    assert notifications_requeue_unsent(older_than_seconds=60) == 1

    assert sent_ids() == [stale.pk]
    statuses = dict(Notification.objects.values_list("pk", "status"))
    assert statuses == {stale.pk: Status.SENT, fresh.pk: Status.QUEUED, retry_later.pk: Status.QUEUED,
                        sent.pk: Status.SENT, failed.pk: Status.FAILED}


def test_the_periodic_task_uses_the_threshold_from_settings(settings):
    settings.NOTIFICATIONS_REQUEUE_AFTER_SECONDS = 30
    stale, fresh = row(due_seconds_ago=31), row(due_seconds_ago=5)

    requeue_unsent_notifications.delay()

    assert sent_ids() == [stale.pk]
    assert Notification.objects.get(pk=fresh.pk).status == Status.QUEUED


def expired_lease():
    return dict(lease_until=timezone.now() - timedelta(seconds=1))


def test_a_row_whose_worker_died_before_the_gateway_call_is_sent_again():
    stuck = row(status=Status.SENDING, attempts=1, last_attempt_at=timezone.now(), **expired_lease())
    busy = row(status=Status.SENDING, attempts=1, last_attempt_at=timezone.now(),
               lease_until=timezone.now() + timedelta(seconds=30))

    notifications_requeue_unsent(older_than_seconds=60)

    assert sent_ids() == [stuck.pk]
    stuck.refresh_from_db()
    assert stuck.status == Status.SENT and stuck.attempts == 2
    assert Notification.objects.get(pk=busy.pk).status == Status.SENDING


def test_a_row_whose_worker_died_during_the_gateway_call_is_set_aside_not_sent_again():
    uncertain = row(status=Status.SENDING, attempts=1, last_attempt_at=timezone.now(),
                    handed_over_at=timezone.now(), **expired_lease())

    notifications_requeue_unsent(older_than_seconds=0)

    assert mail.outbox == []
    uncertain.refresh_from_db()
    assert uncertain.status == Status.FAILED and uncertain.last_error == delivery.UNCERTAIN_REASON


def test_a_stuck_row_without_attempts_left_is_failed(settings):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 1
    stuck = row(status=Status.SENDING, attempts=1, last_attempt_at=timezone.now(), **expired_lease())

    notifications_requeue_unsent(older_than_seconds=60)

    stuck.refresh_from_db()
    assert stuck.status == Status.FAILED and mail.outbox == []


def test_a_worker_whose_row_was_taken_back_does_not_call_the_gateway(monkeypatch):
    """The check before the gateway call: the row is no longer this attempt's (recovered and claimed
    again by another worker meanwhile)."""
    notification = row(due_seconds_ago=1)
    real_get = Notification.objects.get

    def claimed_again_meanwhile(**lookup):
        found = real_get(**lookup)
        Notification.objects.filter(pk=found.pk).update(attempts=found.attempts + 1)
        return found

    monkeypatch.setattr(Notification.objects, "get", claimed_again_meanwhile)
    assert services.notification_deliver(notification_id=notification.pk) is None
    assert mail.outbox == []


def test_when_the_broker_is_down_it_publishes_nothing_and_keeps_the_rows(use_broker, closed_port):
    stale = row(due_seconds_ago=120)
    use_broker(f"redis://127.0.0.1:{closed_port}/0")

    assert notifications_requeue_unsent(older_than_seconds=60) == 0

    stale.refresh_from_db()
    assert stale.status == Status.QUEUED
    assert stale.next_attempt_at < timezone.now() - timedelta(seconds=60)


@pytest.mark.worker
def test_a_published_row_is_not_published_again_within_the_threshold(use_broker, clean_test_redis):
    use_broker(clean_test_redis)  # a real broker and no worker: the tasks wait in Redis
    row(due_seconds_ago=120)
    row(due_seconds_ago=120)

    assert notifications_requeue_unsent(older_than_seconds=60) == 2
    assert notifications_requeue_unsent(older_than_seconds=60) == 0
    assert notifications_requeue_unsent(older_than_seconds=0) == 2
