"""A real worker killed with SIGKILL in the middle of a delivery: nothing is sent twice, nothing else
is lost, and a slow but living send keeps its row (notifications.lease)."""

import pytest
from django.db import transaction

from notifications.delivery import UNCERTAIN_REASON
from notifications.models import Notification, Status
from notifications.services import notifications_requeue_unsent, queue_sms
from notifications.testing import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
LEASE = {"NOTIFICATIONS_LEASE_SECONDS": "2"}
CONTEXT = {"object_label": "Заявка № 2026-000001", "status_label": "Принята"}


def queue(numbers):
    with transaction.atomic():
        return [queue_sms(to=f"+7916{number:07d}", template="status_changed", context=CONTEXT) for number in numbers]


def wait_for_handover(notification):
    """Until the worker has handed the row to the gateway (the moment a kill leaves it uncertain)."""
    wait_until(lambda: Notification.objects.filter(pk=notification.pk).exclude(handed_over_at=None).exists(),
               timeout=20, interval=0.05, message="the slow SMS to reach the gateway")


def requeue_until_settled():
    """Run the periodic re-queue until no row is queued or being sent."""
    wait_until(lambda: notifications_requeue_unsent(older_than_seconds=0) >= 0 and not Notification.objects.filter(
        status__in=[Status.QUEUED, Status.SENDING]).exists(), timeout=30, interval=0.5,
        message="every row to be sent or set aside")


def status_of(notification):
    notification.refresh_from_db()
    return notification.status


def test_a_worker_killed_during_the_gateway_call_sends_nothing_twice_and_loses_nothing(
    start_worker, use_broker, clean_test_redis, sms_gateway, settings
):
    settings.NOTIFICATIONS_LEASE_SECONDS = 2
    sms_gateway.script("79160000001", delay=3)
    use_broker(clean_test_redis)
    worker = start_worker(clean_test_redis, extra_env=LEASE)
    slow, *others = queue(range(1, 5))  # published at commit

    wait_for_handover(slow)
    worker.kill()  # the gateway is still answering; the other tasks were prefetched, unacknowledged
    wait_until(lambda: len(sms_gateway.delivered()) >= 1, timeout=10, message="the gateway to accept it")

    start_worker(clean_test_redis, extra_env=LEASE)
    requeue_until_settled()

    delivered = sorted(sms_gateway.delivered())
    assert len(delivered) == len(set(delivered)) == 4
    assert status_of(slow) == Status.FAILED and slow.last_error == UNCERTAIN_REASON and slow.attempts == 1
    assert {status_of(notification) for notification in others} == {Status.SENT}


def test_a_slow_send_keeps_its_lease_while_the_recovery_runs(
    start_worker, use_broker, clean_test_redis, sms_gateway, settings
):
    settings.NOTIFICATIONS_LEASE_SECONDS = 1
    sms_gateway.script("79160000007", delay=3.5)
    use_broker(clean_test_redis)
    start_worker(clean_test_redis, extra_env={"NOTIFICATIONS_LEASE_SECONDS": "1"})
    (slow,) = queue([7])
    wait_until(lambda: status_of(slow) == Status.SENDING, timeout=20, message="the send to start")
    while status_of(slow) == Status.SENDING:  # far past the 1-second lease
        notifications_requeue_unsent(older_than_seconds=0)
        assert slow.status in (Status.SENDING, Status.SENT)
    assert status_of(slow) == Status.SENT and slow.attempts == 1
    assert len(sms_gateway.delivered()) == 1


def test_a_worker_killed_in_a_batch_sends_its_taken_rows_once_after_the_lease(
    start_worker, use_broker, clean_test_redis, sms_gateway, settings
):
    """The rows a batch had claimed but not yet handed over go out once after the lease; the one in
    the gateway is set aside (issue 18: a task sends further due rows of its channel)."""
    settings.NOTIFICATIONS_LEASE_SECONDS = 2
    sms_gateway.script("79160000002", delay=3)
    use_broker(clean_test_redis)
    worker = start_worker(clean_test_redis, extra_env={**LEASE, "NOTIFICATIONS_BATCH_SIZE": "10"})
    first, slow, *others = queue(range(1, 6))

    wait_for_handover(slow)
    taken = Notification.objects.filter(pk__in=[n.pk for n in others], status=Status.SENDING).count()
    worker.kill()
    wait_until(lambda: len(sms_gateway.delivered()) >= 2, timeout=10, message="the gateway to accept it")

    start_worker(clean_test_redis, extra_env=LEASE)
    requeue_until_settled()

    delivered = sorted(sms_gateway.delivered())
    assert len(delivered) == len(set(delivered)) == 5
    assert taken == len(others)  # the batch had them: the path under test was taken
    assert status_of(slow) == Status.FAILED and slow.last_error == UNCERTAIN_REASON
    assert {status_of(notification) for notification in [first, *others]} == {Status.SENT}
