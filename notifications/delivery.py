"""Delivering outbox rows once, recovering rows a stopped worker left, re-queueing the stranded and
purging the old (DESIGN.md "Notifications"). Called by the tasks (notifications/tasks.py); functions that
publish a delivery task take `publish` (tasks.publish_notification), so this module imports no task.
"""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from notifications import statements
from notifications.errors import DeliveryError, PermanentSMSError, TransientSMSError
from notifications.lease import LeaseKeeper, lease_end
from notifications.mailer import send_notification_email
from notifications.models import Channel, Notification, Status
from notifications.sms import get_sms_backend

logger = logging.getLogger(__name__)

RETRY_BASE_SECONDS = 30
RETRY_MAX_SECONDS = 60 * 60
REQUEUE_BATCH_SIZE = 500
MAX_MESSAGES_PER_TASK = 200
ERROR_MAX_LENGTH = 2000
# What a delivered row keeps: who, when, which template and subject; the text and context go (at once for
# a row whose context held a secret, services.SECRET_BEARING_KEYS).
BLANKED = {"body": "", "html_body": "", "context": {}}


# --- Delivery (called by the tasks) ------------------------------------------------------------

def notification_deliver(*, notification_id, publish=None) -> int | None:
    """Claim, send and record one row. Returns the seconds until a retry is due, else None. Given
    `publish` (the task's), a sent row's worker then sends what else is due on its channel while the
    connection is open (notifications_deliver_due).

    Safe against a worker killed at any moment (kill -9): the claim takes a short lease that a thread
    renews while the send lasts; just before the gateway call the row is checked to be still this
    attempt's and marked as handed over, in a committed UPDATE (with the previous row's outcome, if
    any: `_Outcomes`). A dead worker's row is then
    recovered by `_recover_stuck_sending`: sent again if it never reached the gateway, set aside for
    staff if it may have (never sent twice)."""
    if not _claim(notification_id):
        return None  # sent, failed, not yet due, or another worker has it: nothing to do
    notification = Notification.objects.get(pk=notification_id)
    outcomes = _Outcomes()
    with LeaseKeeper(_this_attempt(notification)):
        sent, retry_in = _send_claimed(notification, outcomes)
        outcomes.flush()
    if sent and publish is not None:
        notifications_deliver_due(channel=notification.channel, publish=publish)
    return retry_in


def notifications_deliver(*, notification_ids, publish, sweep_again=None, batch_size=None,
                          limit=MAX_MESSAGES_PER_TASK) -> int:
    """Send the rows one transaction queued (tasks.send_notifications), then the other due rows of
    every channel whose own rows went out, in batches (as notifications_deliver_due); returns how
    many were tried.

    The rows are claimed together (a batch) and a failed one is published again for its retry
    (`publish(id, countdown=s)`). Rows a batch of another task already took cost one read, no write
    (issue 18: a task per message, each a no-op UPDATE when a batch had sent it). The other due rows
    include those of the transactions that published no task while this one waited
    (tasks.publish_notifications); so when `limit` rows were tried, `sweep_again()` (given by the
    task) publishes a task for the rest."""
    batch = _claim_rows(_due().filter(pk__in=notification_ids), len(notification_ids)) if notification_ids else []
    outcomes, sent = _Outcomes(), set()
    if batch:
        with LeaseKeeper(_these_attempts(batch)):
            sent = _send_batch(batch, outcomes)
    channels = set(Channel.values) - {n.channel for n in batch if n.pk not in sent}
    tried = len(batch) + _deliver_due(channels, publish, batch_size, limit - len(batch), outcomes)
    if tried >= limit and sweep_again is not None:
        sweep_again()
    return tried


def notifications_deliver_due(*, channel, publish, batch_size=None, limit=MAX_MESSAGES_PER_TASK) -> int:
    """Send further due rows of `channel` after a task's own message; returns how many were tried.

    Claims `batch_size` rows (NOTIFICATIONS_BATCH_SIZE) at a time and sends them one by one on this
    worker's open connection, with the same claim, lease and hand-over as notification_deliver, so a
    killed worker still sends nothing twice. Their own tasks, when they come, find them claimed and do
    nothing (one read for a transaction's task, one UPDATE for a single row's). A failed row is
    published again for its retry (`publish(id, countdown=s)`), and a failure ends the run of its
    channel after its batch: the gateway may be down, so no further rows are claimed (the periodic
    re-queue publishes those that have no task). A run cut short by a killed worker delays nothing
    beyond the lease (NOTIFICATIONS_LEASE_SECONDS).
    `limit` keeps a task short (the worker's other queues, its shutdown). Issue 18: one Celery task
    with its claim per message held the outbox at 0.17 of the stand-ins' direct rate."""
    return _deliver_due({channel}, publish, batch_size, limit, _Outcomes())


def _deliver_due(channels, publish, batch_size, limit, outcomes):
    """Batches of the due rows of `channels` (oldest first, whatever their channel), until none is
    due, `limit` rows were tried or every channel had a failure (a channel stops after the batch of
    its failure); then the outcomes still pending are written and the retries published."""
    batch_size = settings.NOTIFICATIONS_BATCH_SIZE if batch_size is None else batch_size
    channels, tried = set(channels), 0
    while batch_size and channels and tried < limit:
        # The previous batch's last outcome is written in this claim's transaction.
        batch = _claim_rows(_due().filter(channel__in=sorted(channels)), min(batch_size, limit - tried),
                            outcomes.write)
        if not batch:
            break
        with LeaseKeeper(_these_attempts(batch)):
            sent = _send_batch(batch, outcomes)
        tried += len(batch)
        channels -= {n.channel for n in batch if n.pk not in sent}
    outcomes.flush()
    outcomes.publish_retries(publish)
    return tried


def _send_batch(batch, outcomes):
    """Send claimed rows one by one; returns the ids of those sent."""
    return {notification.pk for notification in batch if _send_claimed(notification, outcomes)[0]}


class _Outcomes:
    """The writes of a worker's sends: a row's outcome is recorded in the transaction that hands the
    next row over (or claims the next batch), one commit per message instead of two. Nothing is lost
    by the wait: a worker killed before the write leaves the row handed over, so it is set aside,
    never sent again (`_recover_stuck_sending`). Retries are published once their rows are written."""

    def __init__(self):
        self.pending, self.retries = [], []

    def record(self, notification, **fields):
        self.pending.append((notification, fields))

    def retry(self, notification, seconds):
        self.retries.append((notification.pk, seconds))

    def flush(self):
        if not self.pending:
            return
        with transaction.atomic():
            self.write()

    def write(self):
        for outcome in self._take():
            statements.finish(*outcome)

    def write_with_hand_over(self, notification):
        """Write the pending outcomes and hand `notification` over, in one transaction; 1 if it was
        handed over, 0 if it is no longer this attempt's (statements.hand_over)."""
        return statements.hand_over(pk=notification.pk, attempts=notification.attempts, now=timezone.now(),
                                    outcomes=self._take())

    def _take(self):
        pending, self.pending = self.pending, []
        return [(notification.pk, notification.attempts, fields) for notification, fields in pending]

    def publish_retries(self, publish):
        retries, self.retries = self.retries, []
        for notification_id, seconds in retries:
            # One second of slack so the retry never arrives before the row's next_attempt_at.
            publish(notification_id, countdown=seconds + 1)


def _send_claimed(notification, outcomes):
    """Hand a claimed row to its gateway and record the outcome (in `outcomes`, written with the next
    hand-over or at its flush): (sent?, seconds until its retry or None)."""
    handed_over = outcomes.write_with_hand_over(notification)
    if not handed_over:
        logger.warning("Notification %s was taken back before its gateway call; not sent", notification.pk)
        return False, None
    try:
        provider_message_id = _send(notification)
    except DeliveryError as error:
        retry_in = _record_failure(notification, error, outcomes)
        if retry_in is not None:
            outcomes.retry(notification, retry_in)
        return False, retry_in
    outcomes.record(notification, status=Status.SENT, sent_at=timezone.now(), last_error="",
                    provider_message_id=(provider_message_id or "")[:100], **BLANKED)
    return True, None


def _this_attempt(notification):
    return Notification.objects.filter(pk=notification.pk, status=Status.SENDING, attempts=notification.attempts)


def _these_attempts(notifications):
    attempts = Q()
    for notification in notifications:
        attempts |= Q(pk=notification.pk, attempts=notification.attempts)
    return Notification.objects.filter(attempts, status=Status.SENDING)


def _claim_fields(now):
    return dict(status=Status.SENDING, attempts=F("attempts") + 1, last_attempt_at=now, lease_until=lease_end(),
                handed_over_at=None)


def _due():
    return Notification.objects.filter(status=Status.QUEUED, next_attempt_at__lte=timezone.now())


def _claim(notification_id):
    """The conditional UPDATE that lets exactly one worker (or duplicate task) send a row."""
    return statements.claim(pk=notification_id, now=timezone.now(), lease_until=lease_end()) == 1


def _claim_rows(due, size, also=None):
    """Up to `size` rows of the queryset `due` (queued and due), claimed for this worker, oldest first;
    `also()` (pending writes) runs in the claim's transaction when there is a row to claim.

    The candidates are read first, outside a transaction: most transactions' tasks find their rows
    already sent by another task's batch, and then cost one query, no lock and no commit. PostgreSQL:
    one transaction locks the due rows with SELECT ... FOR UPDATE SKIP LOCKED (rows another worker is
    claiming are passed over, not waited for) and claims them in one UPDATE. Elsewhere (SQLite, one
    writer at a time) each candidate's conditional UPDATE decides, all in one write transaction."""
    due = due.order_by("next_attempt_at", "pk")
    candidates = list(due.values_list("pk", flat=True)[:size])
    if not candidates:
        return []
    if connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            if also is not None:
                also()
            ids = list(due.select_for_update(skip_locked=True).values_list("pk", flat=True)[:size])
            Notification.objects.filter(pk__in=ids, status=Status.QUEUED).update(**_claim_fields(timezone.now()))
    else:
        with transaction.atomic():  # writes first, so SQLite takes its write lock at once
            ids = [pk for pk in candidates if _claim(pk)]
            if also is not None:
                also()
    if not ids:
        return []
    return list(Notification.objects.filter(pk__in=ids, status=Status.SENDING).order_by("next_attempt_at", "pk"))


def _send(notification):
    if notification.channel == Channel.EMAIL:
        return send_notification_email(notification)
    try:
        return get_sms_backend().send(notification.recipient, notification.body)
    except (TransientSMSError, PermanentSMSError):
        raise
    except Exception as error:  # a backend bug: retry a bounded number of times, keep the reason
        raise TransientSMSError(f"{type(error).__name__}: {error}") from error


def _record_failure(notification, error, outcomes):
    reason = str(error)[:ERROR_MAX_LENGTH]
    if error.permanent or notification.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
        logger.warning("Notification %s failed after %s attempt(s): %s",
                       notification.pk, notification.attempts, reason)
        # A failed secret (a reset link, a code) is never sent again: the person asks for a new one.
        outcomes.record(notification, status=Status.FAILED, last_error=reason,
                        **(BLANKED if notification.contains_secret else {}))
        return None
    delay = retry_delay(notification.attempts)
    logger.info("Notification %s attempt %s failed, retry in %ss: %s",
                notification.pk, notification.attempts, delay, reason)
    outcomes.record(notification, status=Status.QUEUED, last_error=reason,
                    next_attempt_at=timezone.now() + timedelta(seconds=delay))
    return delay


def retry_delay(attempts):
    """Exponential backoff: 30 s, 1 min, 2 min, 4 min ... at most an hour."""
    return min(RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0), RETRY_MAX_SECONDS)


# --- Re-queueing ------------------------------------------------------------------------------

def notifications_requeue_unsent(*, publish, older_than_seconds=None, limit=REQUEUE_BATCH_SIZE) -> int:
    """Publish again the rows still queued long after they were due; returns how many were published.

    Such rows lost their task: Redis was down at commit, or a retry could not be published.
    Publishing twice is harmless (the claim lets one task through), so this errs on the side of it.
    """
    if older_than_seconds is None:
        older_than_seconds = settings.NOTIFICATIONS_REQUEUE_AFTER_SECONDS
    _recover_stuck_sending(publish)
    now = timezone.now()
    cutoff = now - timedelta(seconds=older_than_seconds)
    due = Notification.objects.queued_before(cutoff).order_by("next_attempt_at", "pk")
    published = []
    for notification_id in list(due.values_list("pk", flat=True)[:limit]):
        if not publish(notification_id):
            break  # the broker is still down: the next periodic run tries again
        published.append(notification_id)
    # Not again for another `older_than_seconds` while the task waits in a possibly long queue.
    Notification.objects.queued_before(cutoff).filter(pk__in=published).update(next_attempt_at=now)
    if published:
        logger.info("Re-queued %s unsent notification(s)", len(published))
    return len(published)


UNCERTAIN_REASON = ("The worker stopped during the gateway call: the message may have gone out, so it is not "
                    "sent again automatically. Check the gateway's log, then re-queue it if it was not delivered.")


def _recover_stuck_sending(publish):
    """Rows whose worker stopped renewing the lease: queued again if they never reached the gateway,
    failed with UNCERTAIN_REASON if they may have (at most once: a duplicate SMS code or letter is worse
    than one a member of staff re-sends)."""
    stuck = Notification.objects.stuck_sending()
    uncertain = stuck.exclude(handed_over_at=None).update(status=Status.FAILED, last_error=UNCERTAIN_REASON,
                                                          lease_until=None)
    reason = "The worker stopped before the gateway call; queued again."
    stuck = Notification.objects.stuck_sending().filter(handed_over_at=None)
    failed = stuck.filter(attempts__gte=settings.NOTIFICATIONS_MAX_ATTEMPTS).update(
        status=Status.FAILED, last_error=reason, lease_until=None)
    requeued = list(stuck.values_list("pk", flat=True)[:REQUEUE_BATCH_SIZE])
    stuck.filter(pk__in=requeued).update(status=Status.QUEUED, last_error=reason,
                                         next_attempt_at=F("last_attempt_at"), lease_until=None)
    for notification_id in requeued:  # at once: the lease already made them wait
        publish(notification_id)
    if failed or requeued or uncertain:
        logger.warning("Recovered stuck notifications: %s queued again, %s failed, %s possibly sent (set aside)",
                       len(requeued), failed, uncertain)


def notifications_requeue_failed(*, queryset, publish) -> int:
    """Staff action: give failed rows a fresh set of attempts and publish them after commit (not the
    rows that carried a secret: their text is gone, the person asks for a new link or code)."""
    ids = list(queryset.filter(status=Status.FAILED, contains_secret=False).values_list("pk", flat=True))
    Notification.objects.filter(pk__in=ids, status=Status.FAILED).update(
        status=Status.QUEUED, attempts=0, next_attempt_at=timezone.now())
    for notification_id in ids:
        transaction.on_commit(partial(publish, notification_id), robust=True)
    return len(ids)


# --- Retention ----------------------------------------------------------------------------------

def notifications_purge(*, older_than_days=None) -> int:
    """Delete sent and failed rows older than NOTIFICATIONS_RETENTION_DAYS; returns how many went.

    A delivered message is the recipient's; the outbox keeps it only for support questions.
    """
    if older_than_days is None:
        older_than_days = settings.NOTIFICATIONS_RETENTION_DAYS
    cutoff = timezone.now() - timedelta(days=older_than_days)
    sent = Notification.objects.filter(status=Status.SENT, sent_at__lt=cutoff)
    failed = Notification.objects.filter(status=Status.FAILED, created_at__lt=cutoff)
    deleted = sent.delete()[0] + failed.delete()[0]
    if deleted:
        logger.info("Purged %s old notification(s)", deleted)
    return deleted
