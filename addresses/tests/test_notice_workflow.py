"""Every transition of a notice writes its history row and its e-mail; confirmation changes the list."""

import datetime

import pytest
from django.utils import timezone

from addresses.models import ServedAddress
from addresses.notices import services as services
from addresses.notices.choices import AddressDecision, NoticeKind, NoticeStatus
from addresses.notices.models import Notice, NoticeAddress, NoticeEvent
from addresses.tests.factories import AddressFactory
from addresses.tests.notice_factories import draft, fields, sent, served
from notifications.models import Notification
from portal.workflow import TransitionNotAllowed

pytestmark = pytest.mark.django_db
ORG_EMAIL = "office@romashka.example.ru"


def last_event(notice):
    return NoticeEvent.objects.filter(notice=notice).order_by("-pk").first()


def emails():
    return Notification.objects.filter(template="notice_status", recipient=ORG_EMAIL).order_by("pk")


def test_a_draft_keeps_the_canonical_text_of_what_is_signed(organisation):
    first, second = AddressFactory(), AddressFactory()
    notice = draft(organisation, [first, second])
    assert notice.status == NoticeStatus.DRAFT and notice.number is None
    assert notice.text.startswith("ИЗВЕЩЕНИЕ О ДОБАВЛЕНИИ ОБСЛУЖИВАЕМОГО АДРЕСА")
    assert f"1. {first.full_text}" in notice.text and f"2. {second.full_text}" in notice.text
    assert "ООО «Ромашка»" in notice.text and "договор управления № ДУ-15/2026" in notice.text
    assert len(notice.text_sha256) == 64 and not notice.events.exists()


def test_editing_a_draft_renders_the_text_again(organisation):
    notice = draft(organisation)
    old_hash, other = notice.text_sha256, AddressFactory()
    services.notice_update(notice=notice, addresses=[other], **fields(basis_kind="owners_decision"))
    notice.refresh_from_db()
    assert notice.text_sha256 != old_hash and "протокол №" in notice.text
    assert list(notice.addresses.all()) == [other]


def test_a_valid_signature_of_the_organisation_sends_the_notice(organisation, trusted, sign, legal_key):
    notice = draft(organisation)
    outcome = services.notice_sign(notice=notice, data=sign(notice, legal_key))
    assert outcome.valid, outcome.summary
    notice.refresh_from_db()
    year = timezone.localdate().year
    assert notice.status == NoticeStatus.SENT and notice.number == f"И-{year}-00001"
    assert notice.due_date > timezone.localdate() and bytes(notice.signature) and notice.signature_report
    event = last_event(notice)
    assert (event.from_status, event.to_status, event.actor) == (NoticeStatus.DRAFT, NoticeStatus.SENT, organisation)
    assert notice.number in emails().get().subject


def test_another_organisations_certificate_is_refused(organisation, trusted, sign, stranger_key):
    notice = draft(organisation)
    outcome = services.notice_sign(notice=notice, data=sign(notice, stranger_key))
    assert not outcome.valid and notice.inn in outcome.summary
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.DRAFT and not notice.events.exists() and not emails().exists()


def test_a_signature_over_the_text_before_an_edit_is_refused(organisation, trusted, sign, legal_key):
    notice = draft(organisation)
    signature = sign(notice, legal_key)
    services.notice_update(notice=notice, addresses=[AddressFactory()], **fields())
    assert not services.notice_sign(notice=notice, data=signature).valid
    assert Notice.objects.get(pk=notice.pk).status == NoticeStatus.DRAFT


def test_a_sent_notice_cannot_be_signed_or_changed_again(organisation):
    notice = sent(organisation)
    assert not services.notice_sign(notice=notice, data=b"x").valid
    with pytest.raises(services.NoticeRefused):
        services.notice_update(notice=notice, addresses=[AddressFactory()], **fields())


def test_numbers_follow_one_another(organisation):
    assert [sent(organisation).number[-5:] for _ in range(3)] == ["00001", "00002", "00003"]


def test_confirming_an_adding_puts_the_buildings_on_the_list_from_its_date(organisation, reviewer):
    first, second = AddressFactory(), AddressFactory()
    starts = timezone.localdate() + datetime.timedelta(days=3)
    notice = sent(organisation, [first, second], starts_on=starts)
    services.notice_confirm(notice=notice, actor=reviewer, comment="Проверено")
    rows = ServedAddress.objects.of_organisation(organisation)
    assert ({(row.address, row.starts_on, row.ends_on) for row in rows}
            == {(first, starts, None), (second, starts, None)})
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.CONFIRMED and notice.due_date is None and notice.decided_at
    assert notice.reviewer_comment == "Проверено"
    assert [item.decision for item in notice.items.all()] == [AddressDecision.CONFIRMED] * 2
    event = last_event(notice)
    assert (event.to_status, event.actor) == (NoticeStatus.CONFIRMED, reviewer)
    assert event.comment.startswith("Проверено\n") and first.full_text in event.comment
    email = emails().last()
    assert str(NoticeStatus.CONFIRMED.label) in email.subject and "Проверено" in email.body
    assert email.context["confirmed"] == [first.full_text, second.full_text] and email.context["rejected"] == []


def test_a_building_served_meanwhile_is_skipped_with_a_note(organisation, reviewer):
    address = AddressFactory()
    notice = sent(organisation, [address])
    served(organisation, address)  # e.g. an earlier notice confirmed after this one was sent
    services.notice_confirm(notice=notice, actor=reviewer)
    assert ServedAddress.objects.of_organisation(organisation).count() == 1
    item = notice.items.get()
    assert item.decision == AddressDecision.CONFIRMED
    assert "пропущен" in item.note or "skipped" in item.note


def test_confirming_a_removal_ends_the_serving(organisation, reviewer):
    address = AddressFactory()
    row = served(organisation, address)
    ends = timezone.localdate() + datetime.timedelta(days=1)
    notice = sent(organisation, [address], kind=NoticeKind.REMOVE, starts_on=ends)
    assert notice.text.startswith("ИЗВЕЩЕНИЕ ОБ ИСКЛЮЧЕНИИ")
    services.notice_confirm(notice=notice, actor=reviewer)
    row.refresh_from_db()
    assert row.ends_on == ends
    assert not ServedAddress.objects.of_organisation(organisation).current(ends).exists()
    assert last_event(notice).to_status == NoticeStatus.CONFIRMED and emails().count() == 2


def test_removing_a_building_the_organisation_does_not_serve_is_refused(organisation, other_organisation):
    address = AddressFactory()
    served(other_organisation, address)
    with pytest.raises(services.NoticeRefused) as refusal:
        draft(organisation, [address], kind=NoticeKind.REMOVE)
    assert address.full_text in str(refusal.value)
    assert not Notice.objects.exists()


def test_adding_a_building_already_served_is_refused(organisation):
    address = AddressFactory()
    served(organisation, address)
    with pytest.raises(services.NoticeRefused):
        draft(organisation, [address])


def test_an_account_without_an_agreement_cannot_make_notices(applicant):
    with pytest.raises(services.NoticeRefused):
        draft(applicant)


def test_rejection_needs_a_reason_and_is_recorded(organisation, reviewer):
    notice = sent(organisation)
    with pytest.raises(services.NoticeRefused):
        services.notice_reject(notice=notice, actor=reviewer, comment="  ")
    assert Notice.objects.get(pk=notice.pk).status == NoticeStatus.SENT
    services.notice_reject(notice=notice, actor=reviewer, comment="Договор не приложен")
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.REJECTED
    item = notice.items.get()
    assert (item.decision, item.reason) == (AddressDecision.REJECTED, "Договор не приложен")
    assert last_event(notice).to_status == NoticeStatus.REJECTED
    assert "Договор не приложен" in last_event(notice).comment
    assert "Договор не приложен" in emails().last().body
    assert not ServedAddress.objects.exists()


# --- decisions address by address ------------------------------------------------------------------

def test_a_mixed_decision_partly_confirms_and_serves_only_the_confirmed_address(organisation, reviewer):
    kept, refused = AddressFactory(), AddressFactory()
    notice = sent(organisation, [kept, refused])
    services.notice_decide(notice=notice, actor=reviewer, comment="См. по адресам",
                           decisions={kept.pk: (True, ""), refused.pk: (False, "Дом не в договоре")})
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.PARTLY_CONFIRMED and notice.due_date is None and notice.decided_at
    assert [row.address for row in ServedAddress.objects.of_organisation(organisation)] == [kept]
    decided = {item.address: (item.decision, item.reason) for item in notice.items.all()}
    assert decided == {kept: (AddressDecision.CONFIRMED, ""),
                       refused: (AddressDecision.REJECTED, "Дом не в договоре")}
    event = last_event(notice)
    assert (event.from_status, event.to_status, event.actor) == (NoticeStatus.SENT, NoticeStatus.PARTLY_CONFIRMED,
                                                                 reviewer)
    lines = event.comment.splitlines()
    assert lines[0] == "См. по адресам" and kept.full_text in lines[1]
    assert refused.full_text in lines[2] and "Дом не в договоре" in lines[2]
    email = emails().last()
    assert str(NoticeStatus.PARTLY_CONFIRMED.label) in email.subject
    assert email.context["confirmed"] == [kept.full_text]
    assert email.context["rejected"] == [[refused.full_text, "Дом не в договоре"]]
    assert "Дом не в договоре" in email.body and "Дом не в договоре" in email.html_body


def test_rejecting_every_address_one_by_one_rejects_the_notice(organisation, reviewer):
    first, second = AddressFactory(), AddressFactory()
    notice = sent(organisation, [first, second])
    services.notice_decide(notice=notice, actor=reviewer, decisions={first.pk: (False, "Нет договора"),
                                                                     second.pk: (False, "Не тот дом")})
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.REJECTED and not ServedAddress.objects.exists()
    assert sorted(notice.items.values_list("reason", flat=True)) == ["Не тот дом", "Нет договора"]
    assert last_event(notice).to_status == NoticeStatus.REJECTED and emails().count() == 2


def test_a_partly_confirmed_removal_ends_only_the_confirmed_serving(organisation, reviewer):
    ended, kept = AddressFactory(), AddressFactory()
    rows = {address: served(organisation, address) for address in (ended, kept)}
    notice = sent(organisation, [ended, kept], kind=NoticeKind.REMOVE)
    services.notice_decide(notice=notice, actor=reviewer, decisions={ended.pk: (True, ""),
                                                                     kept.pk: (False, "Договор действует")})
    for row in rows.values():
        row.refresh_from_db()
    assert rows[ended].ends_on == notice.starts_on and rows[kept].ends_on is None
    assert Notice.objects.get(pk=notice.pk).status == NoticeStatus.PARTLY_CONFIRMED


@pytest.mark.parametrize("decisions", [
    {"first": (True, "")},                                          # the second address undecided
    {"first": (True, ""), "second": (False, "  ")},                 # rejected without a reason
    {"first": (True, ""), "second": (True, ""), "other": (True, "")},  # an address not in the notice
])
def test_an_incomplete_decision_changes_nothing(organisation, reviewer, decisions):
    addresses = {"first": AddressFactory(), "second": AddressFactory(), "other": AddressFactory()}
    notice = sent(organisation, [addresses["first"], addresses["second"]])
    with pytest.raises(services.NoticeRefused):
        services.notice_decide(notice=notice, actor=reviewer,
                               decisions={addresses[name].pk: value for name, value in decisions.items()})
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.SENT and notice.events.count() == 1 and emails().count() == 1
    assert not ServedAddress.objects.exists() and not notice.items.exclude(decision="").exists()


@pytest.mark.parametrize("action", ["confirm", "reject"])
def test_a_decided_notice_cannot_be_decided_again(organisation, reviewer, action):
    notice = sent(organisation)
    services.notice_reject(notice=notice, actor=reviewer, comment="Нет")
    with pytest.raises(TransitionNotAllowed):
        getattr(services, f"notice_{action}")(notice=notice, actor=reviewer, comment="Да")
    assert notice.events.count() == 2


def test_a_draft_cannot_be_confirmed(organisation, reviewer):
    with pytest.raises(TransitionNotAllowed):
        services.notice_confirm(notice=draft(organisation), actor=reviewer)


def test_the_reviewer_is_told_who_else_serves_a_building(organisation, other_organisation):
    mine, theirs = AddressFactory(), AddressFactory()
    served(other_organisation, theirs)
    notice = sent(organisation, [mine, theirs])
    assert services.served_elsewhere(notice) == {theirs.pk: ["ООО «Лютик»"]}
    assert Notice.objects.with_conflicts().get(pk=notice.pk).served_elsewhere


def test_notices_decided_as_a_whole_before_get_their_decision_on_every_address(organisation, reviewer):
    """Migration 0006 copies a whole-notice decision onto the addresses decided before it existed."""
    import importlib

    from django.apps import apps

    confirmed, rejected = sent(organisation), sent(organisation, [AddressFactory(), AddressFactory()])
    services.notice_confirm(notice=confirmed, actor=reviewer)
    services.notice_reject(notice=rejected, actor=reviewer, comment="Нет")
    Notice.objects.filter(pk=rejected.pk).update(reviewer_comment="Старый отказ")
    NoticeAddress.objects.update(decision="", reason="")
    importlib.import_module("addresses.migrations.0006_notice_address_decisions").copy_whole_decisions(apps, None)
    assert list(confirmed.items.values_list("decision", "reason")) == [("confirmed", "")]
    assert list(rejected.items.values_list("decision", "reason")) == [("rejected", "Старый отказ")] * 2
