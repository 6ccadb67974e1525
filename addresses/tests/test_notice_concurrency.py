"""Races that only a real database with row locks can show; CI runs them on PostgreSQL."""

import pytest
from django.db import connection

from addresses.models import ServedAddress
from addresses.notices import services as notice_services
from addresses.notices.models import Notice, NoticeEvent
from addresses.tests.factories import AddressFactory
from addresses.tests.notice_factories import sent
from portal.tests.concurrency import run_together
from portal.workflow import TransitionNotAllowed

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"),
]

# Transactional tests flush what data migrations made; these put back the groups, the reviewers'
# permissions and the agreement template the fixtures need.
REFERENCE_DATA = [("accounts.migrations.0002_staff_groups_and_consent", "create"),
                  ("agreements.migrations.0002_reviewers_and_template", "load"),
                  ("addresses.migrations.0005_notice_reviewers", "grant")]


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    import importlib

    from django.apps import apps

    for module, function in REFERENCE_DATA:
        getattr(importlib.import_module(module), function)(apps, None)


def test_two_reviewers_deciding_at_once_one_wins(organisation, reviewer):
    kept, refused = AddressFactory(), AddressFactory()
    notice = sent(organisation, [kept, refused])
    results = run_together([
        lambda: notice_services.notice_decide(notice=Notice.objects.get(pk=notice.pk), actor=reviewer,
                                              decisions={kept.pk: (True, ""), refused.pk: (False, "Нет")}),
        lambda: notice_services.notice_reject(notice=Notice.objects.get(pk=notice.pk), actor=reviewer,
                                              comment="Нет"),
    ])
    assert len([r for r in results if isinstance(r, TransitionNotAllowed)]) == 1, results
    notice.refresh_from_db()
    decisions = NoticeEvent.objects.filter(notice=notice).exclude(to_status="sent")
    assert decisions.count() == 1 and decisions.get().to_status == notice.status
    assert ServedAddress.objects.count() == (1 if notice.status == "partly_confirmed" else 0)
    # The loser stopped at the status check under the row lock: only the winner's decisions are stored.
    expected = ["confirmed", "rejected"] if notice.status == "partly_confirmed" else ["rejected", "rejected"]
    assert [item.decision for item in notice.items.all()] == expected


def test_two_notices_of_one_building_confirmed_at_once_serve_it_once(organisation, reviewer):
    address = AddressFactory()
    notices = [sent(organisation, [address]), sent(organisation, [address])]
    results = run_together([lambda n=n: notice_services.notice_confirm(notice=n, actor=reviewer) for n in notices])
    assert ServedAddress.objects.of_organisation(organisation).open().count() == 1, results
    assert not [r for r in results if isinstance(r, Exception) and not isinstance(r, notice_services.NoticeRefused)]


def test_parallel_sending_gives_unique_gapless_numbers(organisation):
    from addresses.tests.notice_factories import draft

    drafts = [draft(organisation) for _ in range(6)]
    results = run_together([lambda d=d: notice_services.notice_send(notice=d, signature=b"x", report={}, summary="")
                            for d in drafts])
    assert not [r for r in results if isinstance(r, Exception)], results
    numbers = sorted(Notice.objects.values_list("number", flat=True))
    assert [int(number[-5:]) for number in numbers] == list(range(1, 7))


def test_a_draft_edit_racing_two_sends_never_sends_text_other_than_the_signed_one(organisation):
    """Issue 12 §2 for notices: the organisation re-saves the draft while its signature is posted twice
    (a double click). Before the fix the edit could write the old status back over the sent notice, or
    the send could store a signature over a text the edit had just replaced."""
    from addresses.tests.notice_factories import draft, fields
    from notifications.models import Notification

    for _ in range(6):
        notices_before = Notification.objects.filter(template="notice_status").count()
        notice = draft(organisation)
        # Each signing request read the notice (the text it signed) before the edit was posted.
        signed_copy, second_copy = Notice.objects.get(pk=notice.pk), Notice.objects.get(pk=notice.pk)
        address = notice.items.get().address
        results = run_together([
            lambda n=notice, a=address: notice_services.notice_update(
                notice=Notice.objects.get(pk=n.pk), addresses=[a], **fields(basis_number="ДУ-99/2026")),
            *[lambda c=copy: notice_services.notice_send(notice=c, signature=b"sig", report={}, summary="")
              for copy in (signed_copy, second_copy)],
        ])
        unexpected = [r for r in results if isinstance(r, Exception) and not isinstance(
            r, (notice_services.NoticeRefused, TransitionNotAllowed))]
        assert not unexpected, results
        notice.refresh_from_db()
        sends = NoticeEvent.objects.filter(notice=notice, to_status="sent")
        assert sends.count() == (1 if notice.status == "sent" else 0)
        if notice.status == "sent":
            assert notice.text_sha256 == signed_copy.text_sha256 and notice.basis_number == "ДУ-15/2026"
            # One notice of sending (its context is blanked once delivered, so count the rows, issue 12).
            assert Notification.objects.filter(template="notice_status").count() == notices_before + 1
        else:
            assert notice.basis_number == "ДУ-99/2026"


def test_an_edit_of_a_sent_notice_is_refused_and_changes_nothing(organisation):
    from addresses.tests.notice_factories import draft, fields

    notice = draft(organisation)
    stale = Notice.objects.get(pk=notice.pk)
    notice_services.notice_send(notice=notice, signature=b"sig", report={}, summary="")
    with pytest.raises(notice_services.NoticeRefused):
        notice_services.notice_update(notice=stale, addresses=[notice.items.get().address],
                                      **fields(basis_number="ДУ-99/2026"))
    notice.refresh_from_db()
    assert notice.status == "sent" and notice.basis_number == "ДУ-15/2026"
