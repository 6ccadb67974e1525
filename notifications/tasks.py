"""Thin, idempotent Celery tasks: the claim in services makes duplicates and redeliveries harmless."""

from celery import shared_task

from notifications import services


@shared_task(bind=True, max_retries=None)  # attempts are bounded by NOTIFICATIONS_MAX_ATTEMPTS
def send_notification(self, notification_id):
    retry_in = services.notification_deliver(notification_id=notification_id)
    if retry_in is not None:
        # One second of slack so the retry never arrives before the row's next_attempt_at.
        raise self.retry(countdown=retry_in + 1)


@shared_task
def requeue_unsent_notifications():
    return services.notifications_requeue_unsent()


@shared_task
def purge_sent_notifications():
    return services.notifications_purge()
