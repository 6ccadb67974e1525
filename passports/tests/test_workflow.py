"""Every transition of a passport writes its history row; the municipality's receipt and decisions
also write the organisation's e-mail."""

import datetime

import pytest
from django.utils import timezone

from addresses.models import ServedAddress
from addresses.tests.factories import AddressFactory
from notifications.models import Notification
from passports import services
from passports.choices import Status
from passports.models import Passport, PassportEvent, TransitionNotAllowed
from passports.tests import factories

pytestmark = pytest.mark.django_db


def last_event(passport):
    return PassportEvent.objects.filter(passport=passport).order_by("-pk").first()


def emails(org):
    return Notification.objects.filter(template="passport_status", recipient=org.email).order_by("pk")


def test_a_passport_is_created_only_for_a_building_served_today(org):
    with pytest.raises(services.PassportRefused, match="не входит в список обслуживаемых"):
        services.passport_create(organisation=org, address=AddressFactory())
    ended = factories.served(org, starts_on=datetime.date(2020, 1, 1), ends_on=timezone.localdate())
    with pytest.raises(services.PassportRefused):
        services.passport_create(organisation=org, address=ended)
    future = factories.served(org, starts_on=timezone.localdate() + datetime.timedelta(days=3))
    with pytest.raises(services.PassportRefused):
        services.passport_create(organisation=org, address=future)
    assert not Passport.objects.exists()


def test_a_new_draft_has_six_systems_and_the_manager_from_the_profile(org):
    passport = factories.draft(org)
    assert passport.status == Status.DRAFT and passport.reporting_date == timezone.localdate()
    assert passport.manager_name == "ООО «Ромашка»" and passport.manager_inn == org.profile.inn
    assert [s.kind for s in passport.systems_in_order()] == ["heating", "hot_water", "cold_water", "sewerage",
                                                             "electricity", "gas"]
    assert not passport.events.exists()


def test_a_second_passport_in_work_for_the_same_building_is_refused(org):
    passport = factories.draft(org)
    with pytest.raises(services.PassportRefused, match="уже есть паспорт в работе"):
        services.passport_create(organisation=org, address=passport.address)


def test_a_new_passport_is_prefilled_from_the_last_accepted_one(org, reviewer):
    first = factories.accepted_passport(org, reviewer)
    second = services.passport_create(organisation=org, address=first.address)
    assert (second.year_built, second.total_area, second.wall_material) == (1985, first.total_area, "panel")
    heating = second.systems.get(kind="heating")
    assert (heating.state, heating.meter_number) == ("good", "СЧ-1")
    assert second.content == "" and second.number is None


def test_validation_freezes_the_content_with_its_hash(org):
    passport = factories.complete(factories.draft(org))
    event = services.passport_validate(passport=passport, actor=org)
    passport.refresh_from_db()
    assert passport.status == Status.VALIDATED
    assert (event.from_status, event.to_status, event.actor) == (Status.DRAFT, Status.VALIDATED, org)
    assert '"total_area": "8120.50"' in passport.content and "Панельный" in passport.content
    import hashlib

    assert hashlib.sha256(passport.content_bytes).hexdigest() == passport.content_sha256
    assert not emails(org).exists()  # the organisation's own step: no e-mail


def test_a_passport_with_problems_stays_a_draft_with_no_history(org):
    passport = factories.draft(org)
    with pytest.raises(services.PassportInvalid) as invalid:
        services.passport_validate(passport=passport, actor=org)
    assert "Заполните поле «год постройки»." in invalid.value.problems
    passport.refresh_from_db()
    assert passport.status == Status.DRAFT and passport.content == "" and not passport.events.exists()


def test_the_frozen_content_does_not_follow_later_edits(org):
    passport = factories.validated(org)
    content = passport.content
    with pytest.raises(services.PassportRefused, match="больше нельзя изменить"):
        factories.complete(passport, floors=12)
    passport.refresh_from_db()
    assert passport.content == content and passport.floors == 9


def test_reopen_drops_the_content_and_the_signature(org):
    passport = factories.signed(org)
    services.passport_reopen(passport=passport, actor=org)
    passport.refresh_from_db()
    assert passport.status == Status.DRAFT and passport.content == "" and bytes(passport.signature) == b""
    assert (last_event(passport).from_status, last_event(passport).to_status) == (Status.SIGNED, Status.DRAFT)


def test_a_valid_signature_of_the_organisation_signs_the_passport(org, trusted, sign, legal_key):
    passport = factories.validated(org)
    outcome = services.passport_sign(passport=passport, actor=org, data=sign(passport, legal_key))
    assert outcome.valid, outcome.summary
    passport.refresh_from_db()
    assert passport.status == Status.SIGNED and bytes(passport.signature)
    assert passport.signature_report["signers"] and passport.signature_summary
    assert (last_event(passport).to_status, last_event(passport).actor) == (Status.SIGNED, org)


def test_another_organisations_certificate_is_refused(org, trusted, sign, stranger_key):
    passport = factories.validated(org)
    outcome = services.passport_sign(passport=passport, actor=org, data=sign(passport, stranger_key))
    assert not outcome.valid and "5001007329" in outcome.summary
    passport.refresh_from_db()
    assert passport.status == Status.VALIDATED and not bytes(passport.signature)


def test_a_signature_over_other_bytes_is_refused(org, trusted, sign, legal_key):
    passport, other = factories.validated(org), factories.validated(org)
    outcome = services.passport_sign(passport=passport, actor=org, data=sign(other, legal_key))
    assert not outcome.valid
    assert Passport.objects.get(pk=passport.pk).status == Status.VALIDATED


def test_a_draft_cannot_be_signed(org, trusted, sign, legal_key):
    passport = factories.draft(org)
    outcome = services.passport_sign(passport=passport, actor=org, data=b"0")
    assert not outcome.valid and "проверенный" in outcome.summary


def test_sending_numbers_the_passport_and_sets_the_due_date(org):
    passport = factories.signed(org)
    services.passport_send(passport=passport, actor=org)
    passport.refresh_from_db()
    year = timezone.localdate().year
    assert passport.status == Status.SENT and passport.number == f"П-{year}-00001"
    assert passport.due_date > timezone.localdate() and passport.sent_at
    assert last_event(passport).to_status == Status.SENT
    letter = emails(org).get()
    assert passport.number in letter.subject and passport.due_date.strftime("%d.%m.%Y") in letter.body


def test_a_building_no_longer_served_cannot_be_sent(org):
    passport = factories.signed(org)
    ServedAddress.objects.filter(address=passport.address).update(ends_on=timezone.localdate())
    with pytest.raises(services.PassportRefused, match="больше не входит"):
        services.passport_send(passport=passport, actor=org)
    assert Passport.objects.get(pk=passport.pk).status == Status.SIGNED


def test_return_needs_remarks_and_tells_the_organisation(org, reviewer):
    passport = factories.sent(org)
    with pytest.raises(services.PassportRefused):
        services.passport_return(passport=passport, actor=reviewer, remarks="  ")
    services.passport_return(passport=passport, actor=reviewer, remarks="Жилая площадь не сходится с БТИ.")
    passport.refresh_from_db()
    assert passport.status == Status.RETURNED and passport.remarks == "Жилая площадь не сходится с БТИ."
    event = last_event(passport)
    assert (event.to_status, event.actor, event.comment) == (Status.RETURNED, reviewer, passport.remarks)
    letter = emails(org).last()
    assert "Возвращён на доработку" in letter.subject and "не сходится с БТИ" in letter.body


def test_a_returned_passport_is_fixed_checked_signed_and_sent_again_with_its_number(org, reviewer):
    passport = factories.sent(org)
    number = passport.number
    services.passport_return(passport=passport, actor=reviewer, remarks="Исправьте площадь.")
    factories.complete(passport, living_area="6000")
    services.passport_validate(passport=passport, actor=org)
    passport.sign(actor=org)
    services.passport_send(passport=passport, actor=org)
    passport.refresh_from_db()
    assert passport.status == Status.SENT and passport.number == number and passport.remarks == ""
    assert list(passport.events.values_list("to_status", flat=True)) == [
        "validated", "signed", "sent", "returned", "validated", "signed", "sent"]


def test_accepting_supersedes_the_previous_accepted_passport(org, reviewer):
    first = factories.accepted_passport(org, reviewer)
    assert first.status == Status.ACCEPTED and last_event(first).actor == reviewer
    assert "Принят" in emails(org).last().subject
    second = factories.sent(org, first.address)
    services.passport_accept(passport=second, actor=reviewer)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status, second.replaces) == (Status.SUPERSEDED, Status.ACCEPTED, first)
    assert last_event(first).to_status == Status.SUPERSEDED and second.number in last_event(first).comment
    assert [e.subject.split(": ")[-1] for e in emails(org)][-2:] == ["Заменён", "Принят"]


def test_a_decided_passport_cannot_be_decided_again(org, reviewer):
    passport = factories.accepted_passport(org, reviewer)
    with pytest.raises(TransitionNotAllowed):
        services.passport_return(passport=passport, actor=reviewer, remarks="Поздно")
    assert Passport.objects.get(pk=passport.pk).status == Status.ACCEPTED


def test_a_stale_object_cannot_undo_another_reviewers_decision(org, reviewer, second_reviewer):
    passport = factories.sent(org)
    stale = Passport.objects.get(pk=passport.pk)
    services.passport_accept(passport=passport, actor=reviewer)
    with pytest.raises(TransitionNotAllowed):
        services.passport_return(passport=stale, actor=second_reviewer, remarks="Нет")
    assert PassportEvent.objects.filter(passport=passport, to_status__in=["accepted", "returned"]).count() == 1
