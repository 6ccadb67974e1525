"""notifications.statements: the worker's UPDATEs written once as SQL change a row exactly as the
querysets they replaced would, under the same conditions (this attempt's row only)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications import statements
from notifications.models import Notification, Status
from notifications.services import queue_email

pytestmark = pytest.mark.django_db
CONTEXT = {"object_label": "Заявка № 1", "status_label": "Принята", "url": "https://portal.example/a/1/"}


def queued():
    return queue_email(to="ivanov@example.ru", template="status_changed", context=CONTEXT)


def row(notification):
    return Notification.objects.get(pk=notification.pk)


def test_a_claim_takes_a_due_queued_row_once():
    notification, now = queued(), timezone.now()
    lease_until = now + timedelta(seconds=30)

    assert statements.claim(pk=notification.pk, now=now, lease_until=lease_until) == 1
    assert statements.claim(pk=notification.pk, now=now, lease_until=lease_until) == 0

    claimed = row(notification)
    assert (claimed.status, claimed.attempts, claimed.last_attempt_at, claimed.lease_until,
            claimed.handed_over_at) == (Status.SENDING, 1, now, lease_until, None)


def test_a_claim_leaves_a_row_not_yet_due():
    notification, now = queued(), timezone.now()
    Notification.objects.filter(pk=notification.pk).update(next_attempt_at=now + timedelta(seconds=1))

    assert statements.claim(pk=notification.pk, now=now, lease_until=now) == 0
    assert row(notification).status == Status.QUEUED


def test_a_hand_over_is_written_once_and_only_for_this_attempt():
    notification, now = queued(), timezone.now()
    statements.claim(pk=notification.pk, now=now, lease_until=now)

    assert statements.hand_over(pk=notification.pk, attempts=2, now=now) == 0  # another attempt's
    assert statements.hand_over(pk=notification.pk, attempts=1, now=now) == 1
    assert statements.hand_over(pk=notification.pk, attempts=1, now=now + timedelta(seconds=1)) == 0
    assert row(notification).handed_over_at == now


def test_an_outcome_writes_its_fields_ends_the_lease_and_only_for_this_attempt():
    notification, now = queued(), timezone.now()
    statements.claim(pk=notification.pk, now=now, lease_until=now + timedelta(seconds=30))
    fields = dict(status=Status.SENT, sent_at=now, provider_message_id="<42@portal>", body="", context={})

    assert statements.finish(notification.pk, 2, fields) == 0
    assert row(notification).status == Status.SENDING
    assert statements.finish(notification.pk, 1, fields) == 1

    sent = row(notification)
    assert (sent.status, sent.sent_at, sent.provider_message_id, sent.body, sent.context, sent.lease_until) == (
        Status.SENT, now, "<42@portal>", "", {}, None)
    assert sent.subject and sent.html_body  # columns not named are left alone


def test_a_hand_over_writes_the_earlier_rows_outcomes_with_it():
    """One statement on PostgreSQL (WITH clauses), one transaction elsewhere; the outcomes are written
    even when the row handed over turns out to be another attempt's."""
    sent, failed, next_row, now = queued(), queued(), queued(), timezone.now()
    for notification in (sent, failed, next_row):
        statements.claim(pk=notification.pk, now=now, lease_until=now)
    outcomes = [(sent.pk, 1, dict(status=Status.SENT, sent_at=now)),
                (failed.pk, 1, dict(status=Status.FAILED, last_error="550 no such mailbox"))]

    assert statements.hand_over(pk=next_row.pk, attempts=2, now=now, outcomes=outcomes) == 0
    assert (row(sent).status, row(failed).status, row(failed).last_error) == (
        Status.SENT, Status.FAILED, "550 no such mailbox")
    assert statements.hand_over(pk=next_row.pk, attempts=1, now=now, outcomes=[]) == 1
    assert row(next_row).handed_over_at == now and row(sent).lease_until is None
