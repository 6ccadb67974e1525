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
