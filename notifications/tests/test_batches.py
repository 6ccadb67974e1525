"""A delivery task sends further due rows of its channel in small batches on its open connection (issue 18)."""

import threading
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from notifications import delivery
from notifications.models import Channel, Notification, Status
from notifications.services import queue_email, queue_sms

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_mailer_connection")]
CONTEXT = {"object_label": "Заявка № 1", "status_label": "Принята", "url": "https://portal.example/a/1/"}


class Publisher:
    def __init__(self):
        self.calls = []

    def __call__(self, notification_id, *, countdown=None):
        self.calls.append((notification_id, countdown))
        return True


def emails(count, prefix="user"):
    return [queue_email(to=f"{prefix}{number}@example.ru", template="status_changed", context=CONTEXT)
            for number in range(count)]


def test_a_task_sends_the_other_due_emails_on_its_connection_in_batches(smtp_settings, smtp_sink, settings):
    settings.NOTIFICATIONS_BATCH_SIZE = 2
    first, *others = emails(5)
    queue_sms(to="+79161234567", template="status_changed", context=CONTEXT)  # another channel
    later = queue_email(to="later@example.ru", template="status_changed", context=CONTEXT)
    Notification.objects.filter(pk=later.pk).update(next_attempt_at=timezone.now() + timedelta(minutes=5))
    publish = Publisher()

    assert delivery.notification_deliver(notification_id=first.pk, publish=publish) is None

    assert sorted(smtp_sink.notification_ids()) == sorted(n.pk for n in [first, *others])
    assert len({message["peer"] for message in smtp_sink.messages}) == 1  # one connection
    assert set(Notification.objects.filter(status=Status.SENT).values_list("pk", flat=True)) == {
        n.pk for n in [first, *others]}
    sms = Notification.objects.get(channel=Channel.SMS)
    assert sms.status == Status.QUEUED and sms.attempts == 0  # another channel: its own task sends it
    assert Notification.objects.get(pk=later.pk).status == Status.QUEUED  # not yet due
    assert publish.calls == []
    # The rows' own tasks then find them sent: nothing is sent twice.
    for notification in others:
        assert delivery.notification_deliver(notification_id=notification.pk, publish=publish) is None
    assert len(smtp_sink.notification_ids()) == 5


def test_without_publish_or_with_batches_off_one_row_is_sent(smtp_settings, smtp_sink, settings):
    first, second, third = emails(3)
    delivery.notification_deliver(notification_id=first.pk)
    settings.NOTIFICATIONS_BATCH_SIZE = 0
    delivery.notification_deliver(notification_id=second.pk, publish=Publisher())
    assert smtp_sink.notification_ids() == [first.pk, second.pk]
    assert Notification.objects.get(pk=third.pk).status == Status.QUEUED


def test_a_failure_in_a_batch_is_published_for_its_retry_and_ends_the_run(smtp_settings, smtp_sink, settings):
    settings.NOTIFICATIONS_BATCH_SIZE = 1
    first = queue_email(to="first@example.ru", template="status_changed", context=CONTEXT)
    refused = queue_email(to="refuse@example.ru", template="status_changed", context=CONTEXT)
    deferred = queue_email(to="defer@example.ru", template="status_changed", context=CONTEXT)
    untouched = queue_email(to="after@example.ru", template="status_changed", context=CONTEXT)
    publish = Publisher()

    delivery.notification_deliver(notification_id=first.pk, publish=publish)

    statuses = dict(Notification.objects.values_list("pk", "status"))
    assert statuses[first.pk] == Status.SENT and statuses[refused.pk] == Status.FAILED  # permanent
    # A permanent failure ends the run too: the next rows wait for their own tasks.
    assert statuses[deferred.pk] == Status.QUEUED and statuses[untouched.pk] == Status.QUEUED
    assert publish.calls == []
    assert smtp_sink.notification_ids() == [first.pk]


def test_a_transient_failure_in_a_batch_publishes_the_retry(smtp_settings, smtp_sink, settings, closed_port):
    settings.NOTIFICATIONS_BATCH_SIZE = 5
    first, second = emails(2)
    publish = Publisher()
    assert delivery.notification_deliver(notification_id=first.pk) is None
    smtp_settings.EMAIL_PORT = closed_port  # the mail server goes away

    assert delivery.notifications_deliver_due(channel=Channel.EMAIL, publish=publish) == 1

    second.refresh_from_db()
    assert second.status == Status.QUEUED and second.attempts == 1 and second.last_error
    assert publish.calls == [(second.pk, delivery.retry_delay(1) + 1)]


def test_a_batch_takes_no_row_another_worker_has(smtp_settings, smtp_sink, settings):
    """The claim of a batch passes over a row another worker claimed (its attempt is left alone)."""
    first, taken, free = emails(3)
    assert delivery._claim(taken.pk)  # another worker's claim
    claimed = delivery._claim_rows(delivery._due().filter(channel=Channel.EMAIL), 10)
    assert [n.pk for n in claimed] == [first.pk, free.pk]
    assert all(n.status == Status.SENDING and n.attempts == 1 for n in claimed)
    assert Notification.objects.get(pk=taken.pk).attempts == 1


@pytest.mark.skipif(not connection.features.has_select_for_update_skip_locked, reason="PostgreSQL")
def test_a_batch_skips_rows_locked_by_a_concurrent_claim(transactional_db, smtp_settings, smtp_sink):
    """SKIP LOCKED: a row locked by another worker's batch claim is not waited for and not taken."""
    locked, free = _two_rows()
    with _locked_by_another_worker(locked):
        claimed = delivery._claim_rows(delivery._due().filter(channel=Channel.EMAIL), 10)
    assert [n.pk for n in claimed] == [free.pk]
    assert Notification.objects.get(pk=locked.pk).status == Status.QUEUED


def test_a_transactions_task_sends_its_rows_of_both_channels_and_further_due_ones(
    smtp_settings, smtp_sink, smsru_settings, sms_gateway, settings
):
    settings.NOTIFICATIONS_BATCH_SIZE = 2
    email, text = emails(1)[0], queue_sms(to="+79161234567", template="status_changed", context=CONTEXT)
    more_emails = emails(3, prefix="more")
    more_text = queue_sms(to="+79167654321", template="status_changed", context=CONTEXT)
    publish = Publisher()

    assert delivery.notifications_deliver(notification_ids=[email.pk, text.pk], publish=publish) == 6

    assert sorted(smtp_sink.notification_ids()) == sorted(n.pk for n in [email, *more_emails])
    assert sorted(sms_gateway.delivered()) == sorted((n.recipient.lstrip("+"), n.body) for n in [text, more_text])
    assert set(Notification.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}
    assert publish.calls == []


def test_a_task_whose_rows_were_taken_reads_twice_and_writes_nothing(smtp_settings, smtp_sink):
    """Its own rows, then the due rows of every channel: none."""
    first, second = emails(2)
    assert delivery.notifications_deliver(notification_ids=[first.pk], publish=Publisher()) == 2

    with CaptureQueriesContext(connection) as queries:
        assert delivery.notifications_deliver(notification_ids=[second.pk], publish=Publisher()) == 0

    statements = [query["sql"].split()[0] for query in queries.captured_queries]
    assert [sql for sql in statements if sql not in ("SAVEPOINT", "RELEASE")] == ["SELECT", "SELECT"]
    assert len(smtp_sink.notification_ids()) == 2


def test_a_task_whose_rows_were_taken_still_sends_the_due_rows_of_every_channel(
    smtp_settings, smtp_sink, smsru_settings, sms_gateway, settings
):
    """The rows of transactions that published no task while this one waited (sweep_token)."""
    settings.NOTIFICATIONS_BATCH_SIZE = 2
    taken = emails(1)[0]
    Notification.objects.filter(pk=taken.pk).update(status=Status.SENT)
    others = [*emails(3, prefix="other"), queue_sms(to="+79161234567", template="status_changed", context=CONTEXT)]

    assert delivery.notifications_deliver(notification_ids=[taken.pk], publish=Publisher()) == 4

    assert set(Notification.objects.filter(pk__in=[n.pk for n in others]).values_list("status", flat=True)) == {
        Status.SENT}
    assert len(smtp_sink.notification_ids()) == 3 and len(sms_gateway.delivered()) == 1


def test_a_task_that_reaches_its_limit_publishes_a_task_for_the_rest(smtp_settings, smtp_sink, settings):
    settings.NOTIFICATIONS_BATCH_SIZE = 2
    rows = emails(5)
    sweeps = []

    tried = delivery.notifications_deliver(notification_ids=[rows[0].pk], publish=Publisher(),
                                           sweep_again=lambda: sweeps.append(True), limit=3)

    assert tried == 3 and sweeps == [True]
    assert Notification.objects.filter(status=Status.QUEUED).count() == 2
    assert delivery.notifications_deliver(notification_ids=[], publish=Publisher(),
                                          sweep_again=lambda: sweeps.append(True)) == 2
    assert sweeps == [True]


def test_each_message_of_a_batch_costs_one_write_transaction(smtp_settings, smtp_sink, settings):
    """A row's outcome is written with the next row's hand-over (issue 18: two commits a message)."""
    settings.NOTIFICATIONS_BATCH_SIZE = 10
    rows = emails(5)

    with CaptureQueriesContext(connection) as queries:
        delivery.notifications_deliver(notification_ids=[row.pk for row in rows], publish=Publisher())

    # One claim, one hand-over per row (the first four with the previous row's outcome), the last outcome.
    # Each is an atomic block (a savepoint in the test's transaction), except on PostgreSQL a hand-over:
    # one statement, carrying the previous row's outcome in a WITH clause.
    sqls = [query["sql"] for query in queries.captured_queries]
    blocks = [sql for sql in sqls if sql.startswith("SAVEPOINT")]
    hand_overs = [sql for sql in sqls if 'SET "handed_over_at"' in sql]
    assert len(hand_overs) == len(rows)
    if connection.vendor == "postgresql":
        assert len(blocks) == 2 and [sql.startswith("WITH") for sql in hand_overs] == [False] + [True] * 4
    else:
        assert len(blocks) == 1 + len(rows) + 1
    assert set(Notification.objects.values_list("status", flat=True)) == {Status.SENT}
    assert Notification.objects.filter(handed_over_at=None).count() == 0


def test_a_failed_row_of_a_transactions_task_is_published_for_its_retry(smtp_settings, smtp_sink, closed_port):
    row = emails(1)[0]
    smtp_settings.EMAIL_PORT = closed_port
    publish = Publisher()

    assert delivery.notifications_deliver(notification_ids=[row.pk], publish=publish) == 1

    row.refresh_from_db()
    assert row.status == Status.QUEUED and row.attempts == 1 and row.handed_over_at is not None
    assert publish.calls == [(row.pk, delivery.retry_delay(1) + 1)]


@pytest.mark.skipif(not connection.features.has_select_for_update_skip_locked, reason="PostgreSQL")
def test_a_transactions_task_skips_its_rows_locked_by_a_concurrent_claim(transactional_db, smtp_settings, smtp_sink):
    """Two workers on the same ids (a duplicate task, a batch of another task): the locked row is
    neither waited for nor taken; the other one is sent once."""
    locked, free = _two_rows()
    with _locked_by_another_worker(locked):
        tried = delivery.notifications_deliver(notification_ids=[locked.pk, free.pk], publish=Publisher(),
                                               batch_size=0)
    assert tried == 1
    assert smtp_sink.notification_ids() == [free.pk]
    assert Notification.objects.get(pk=locked.pk).status == Status.QUEUED


def _two_rows():
    # Rows written directly: queue_email would publish (and send) them at this test's commits.
    return (Notification.objects.create(channel=Channel.EMAIL, recipient=f"{name}@example.ru",
                                        template="status_changed", body="Текст") for name in ("locked", "free"))


@contextmanager
def _locked_by_another_worker(row):
    """`row` locked (SELECT … FOR UPDATE) by another connection, as another worker's claim holds it,
    until the block ends."""
    ready, release = threading.Event(), threading.Event()

    def other_worker():
        with transaction.atomic():
            Notification.objects.select_for_update().filter(pk=row.pk).get()
            ready.set()
            release.wait(10)
        connections.close_all()

    thread = threading.Thread(target=other_worker)
    thread.start()
    try:
        assert ready.wait(10)
        yield
    finally:
        release.set()
        thread.join()
