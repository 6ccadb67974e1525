"""Thin, idempotent Celery tasks: the claim in notifications.delivery makes duplicates and redeliveries
harmless. `publish_notification` lives here, beside the task it publishes; the outbox's other modules get
it passed in (delivery) or import it (services), so no module imports its importer."""

import logging
from functools import partial

from celery import shared_task

from notifications import delivery, sweep_token

logger = logging.getLogger(__name__)

# A task claims its rows together (one lease): a transaction that queues thousands (a mailing) is
# spread over several tasks, so that a killed worker strands few until the lease ends.
IDS_PER_TASK = 100


def publish_notification(notification_id, *, countdown=None):
    """Publish the delivery task; False (and a log line) when the broker cannot take it now."""
    try:
        send_notification.apply_async((notification_id,), countdown=countdown)
    except Exception:  # kombu/redis raise various errors; all mean "not published"
        logger.warning("Notification %s not published; the periodic re-queue will publish it",
                       notification_id, exc_info=True)
        return False
    return True


def publish_notifications(notification_ids):
    """Publish one delivery task for `notification_ids` (the rows of one transaction), one per
    IDS_PER_TASK of them, unless another transaction's task is waiting for a worker: that one sends
    these rows too (notifications.sweep_token). False (and a log line) when the broker cannot take it
    now: the rows stay queued, and the periodic re-queue publishes them."""
    notification_ids = list(notification_ids)
    try:
        if not sweep_token.take():
            return True
    except Exception:  # redis-py's errors: the broker's Redis is down, so a publish would fail too
        logger.warning("Notifications %s not published (Redis does not answer); the periodic re-queue will "
                       "publish them", notification_ids, exc_info=True)
        return False
    for start in range(0, max(len(notification_ids), 1), IDS_PER_TASK):
        chunk = notification_ids[start:start + IDS_PER_TASK]
        try:
            send_notifications.apply_async((chunk,))
        except Exception:  # as in publish_notification
            sweep_token.release()  # later transactions publish their own tasks
            logger.warning("Notifications %s not published; the periodic re-queue will publish them",
                           notification_ids[start:], exc_info=True)
            return False
    return True


@shared_task
def send_notifications(notification_ids):
    """The rows queued in one transaction, then every other due row (those of transactions that
    published no task meanwhile); each failed one is published again for its retry."""
    sweep_token.release()  # before any row is read: see notifications.sweep_token
    delivery.notifications_deliver(notification_ids=notification_ids, publish=publish_notification,
                                   sweep_again=partial(publish_notifications, []))


@shared_task(bind=True, max_retries=None)  # attempts are bounded by NOTIFICATIONS_MAX_ATTEMPTS
def send_notification(self, notification_id):
    retry_in = delivery.notification_deliver(notification_id=notification_id, publish=publish_notification)
    if retry_in is not None:
        # One second of slack so the retry never arrives before the row's next_attempt_at.
        raise self.retry(countdown=retry_in + 1)


@shared_task
def requeue_unsent_notifications():
    return delivery.notifications_requeue_unsent(publish=publish_notification)


@shared_task
def purge_sent_notifications():
    return delivery.notifications_purge()
