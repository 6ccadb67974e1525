"""Every transition of an agreement writes its history row and its e-mail; acceptance makes the account."""

import pytest
from django.utils import timezone, translation

from accounts.models import ApplicantType, User
from accounts.services import profile_missing_items
from agreements import services
from agreements.models import Agreement, AgreementEvent, Status, TransitionNotAllowed
from agreements.tests.factories import accepted, draft, entrepreneur_data, submitted
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def last_event(agreement):
    return AgreementEvent.objects.filter(agreement=agreement).order_by("-pk").first()


def emails(template):
    return Notification.objects.filter(template=template, recipient="office@romashka.example.ru").order_by("pk")


def test_a_draft_keeps_the_text_rendered_from_the_current_template():
    agreement = draft()
    assert "ООО «Ромашка»" in agreement.text and agreement.inn in agreement.text
    assert "{{" not in agreement.text and "&laquo;" not in agreement.text
    assert agreement.template.version == 1 and len(agreement.text_sha256) == 64


def test_a_new_template_version_does_not_change_a_drafted_text():
    agreement = draft()
    text = agreement.text
    agreement.template.__class__.objects.create(version=2, title="v2", body="Новый текст {{ inn }}")
    agreement.refresh_from_db()
    assert agreement.text == text
    assert draft().text.startswith("Новый текст")


def test_a_valid_matching_signature_submits_the_agreement(trusted, sign, legal_key):
    agreement = draft()
    outcome = services.agreement_sign(agreement=agreement, data=sign(agreement, legal_key))
    assert outcome.valid, outcome.summary
    agreement.refresh_from_db()
    assert agreement.status == Status.SUBMITTED and agreement.due_date > timezone.localdate()
    assert bytes(agreement.signature) and agreement.signature_report["signers"]
    event = last_event(agreement)
    assert (event.from_status, event.to_status, event.actor) == (Status.DRAFT, Status.SUBMITTED, None)
    assert str(Status.SUBMITTED.label) in emails("agreement_status").get().body


def test_a_sole_proprietor_signs_with_inn_and_ogrnip(trusted, sign, entrepreneur_key):
    agreement = draft(**{k: v for k, v in entrepreneur_data().items()})
    assert agreement.kind == "entrepreneur"
    assert services.agreement_sign(agreement=agreement, data=sign(agreement, entrepreneur_key)).valid


def test_another_organisations_certificate_is_refused_with_the_reason(trusted, sign, stranger_key):
    agreement = draft()
    outcome = services.agreement_sign(agreement=agreement, data=sign(agreement, stranger_key))
    assert not outcome.valid
    assert "5001007329" in outcome.summary and agreement.inn in outcome.summary  # both INNs, to compare
    agreement.refresh_from_db()
    assert agreement.status == Status.DRAFT and not agreement.events.exists()


def test_a_signature_over_other_bytes_is_refused(trusted, sign, legal_key):
    agreement, other = draft(), draft(org_short_name="ООО «Другое»")
    outcome = services.agreement_sign(agreement=agreement, data=sign(other, legal_key))
    assert not outcome.valid
    assert Agreement.objects.get(pk=agreement.pk).status == Status.DRAFT


def test_a_certificate_without_qualified_markers_is_not_qualified():
    from signing.cms.identity import SignerIdentity

    assert not services.is_qualified(SignerIdentity(innle="7707083893"))
    assert services.is_qualified(SignerIdentity(subject_sign_tool="КриптоПро CSP"))


def test_acceptance_numbers_the_agreement_creates_the_account_and_mails_the_link(reviewer):
    agreement = accepted(reviewer)
    assert agreement.status == Status.ACCEPTED
    assert agreement.number == f"С-{timezone.localdate().year}-00001"
    assert agreement.concluded_on == timezone.localdate()
    user = agreement.organisation
    assert user.username == f"org-{agreement.inn}" and user.full_name == "Сидоров Сидор"
    assert user.applicant_type == ApplicantType.LEGAL and not user.has_usable_password()
    assert user.profile.ogrn == agreement.ogrn and user.profile.kpp == "770701001"
    assert user.emailaddress_set.get().verified
    assert len(profile_missing_items(user)) == 1  # only the phone, which the organisation confirms by SMS
    event = last_event(agreement)
    assert (event.from_status, event.to_status, event.actor) == (Status.SUBMITTED, Status.ACCEPTED, reviewer)
    mail = emails("agreement_accepted").get()
    assert user.username in mail.body and "/accounts/password/reset/key/" in mail.body
    assert agreement.number in mail.subject
    assert "password" not in mail.context and "Kvadrat" not in mail.body


def test_a_sole_proprietor_gets_an_entrepreneur_account(reviewer):
    agreement = accepted(reviewer, **{k: v for k, v in entrepreneur_data().items()})
    assert agreement.organisation.applicant_type == ApplicantType.ENTREPRENEUR
    assert agreement.organisation.profile.ogrnip == agreement.ogrn


def test_rejection_needs_a_reason_and_is_recorded_and_mailed(reviewer):
    agreement = submitted()
    with pytest.raises(services.AgreementRefused):
        services.agreement_reject(agreement=agreement, actor=reviewer, reason=" ")
    services.agreement_reject(agreement=agreement, actor=reviewer, reason="Неверный КПП")
    agreement.refresh_from_db()
    assert agreement.status == Status.REJECTED and agreement.rejection_reason == "Неверный КПП"
    assert last_event(agreement).comment == "Неверный КПП"
    assert emails("agreement_status").count() == 2  # submitted, rejected
    assert "Неверный КПП" in emails("agreement_status").last().body
    assert not User.objects.filter(username__startswith="org-").exists()


def test_termination_is_recorded_and_mailed(reviewer):
    agreement = accepted(reviewer)
    services.agreement_terminate(agreement=agreement, actor=reviewer, reason="Прекращение деятельности")
    agreement.refresh_from_db()
    assert agreement.status == Status.TERMINATED
    event = last_event(agreement)
    assert (event.from_status, event.to_status, event.comment) == (Status.ACCEPTED, Status.TERMINATED,
                                                                   "Прекращение деятельности")
    assert "Прекращение деятельности" in emails("agreement_status").last().body


def test_an_organisation_has_at_most_one_agreement_in_force(reviewer):
    second = submitted()  # sent while the first one was still under review
    first = accepted(reviewer)
    with pytest.raises(services.AgreementRefused, match=first.number):
        services.agreement_accept(agreement=second, actor=reviewer)
    services.agreement_terminate(agreement=first, actor=reviewer, reason="Новое соглашение")
    services.agreement_accept(agreement=second, actor=reviewer)
    second.refresh_from_db()
    assert second.status == Status.ACCEPTED and second.organisation == first.organisation


def test_a_decided_agreement_cannot_be_decided_again(reviewer):
    agreement = accepted(reviewer)
    with pytest.raises(TransitionNotAllowed):
        services.agreement_reject(agreement=agreement, actor=reviewer, reason="поздно")


def test_an_organisation_with_an_agreement_in_force_cannot_start_another(reviewer):
    first = accepted(reviewer)
    with pytest.raises(services.AgreementRefused, match=first.number):
        draft()


def test_the_constraint_stops_a_second_agreement_in_force_even_past_the_check(reviewer, monkeypatch):
    accepted(reviewer)
    second = Agreement.objects.create(**{f: getattr(Agreement.objects.get(), f) for f in (
        "kind", "org_full_name", "org_short_name", "inn", "kpp", "ogrn", "legal_address", "postal_address",
        "signer_last_name", "signer_first_name", "signer_position", "authority_document", "email", "phone",
        "template", "text", "text_sha256")}, status=Status.SUBMITTED)
    monkeypatch.setattr(services, "_in_force", lambda inn, ogrn: None)  # as if the other commit came later
    with pytest.raises(services.AgreementRefused):
        services.agreement_accept(agreement=second, actor=reviewer)
    assert Agreement.objects.get(pk=second.pk).status == Status.SUBMITTED


def test_acceptance_is_refused_when_the_contact_email_belongs_to_another_account(reviewer):
    from accounts.tests.factories import ApplicantFactory

    agreement = submitted()
    ApplicantFactory(username="someone", email=agreement.email.upper())
    with pytest.raises(services.AgreementRefused, match="another portal account"):
        with translation.override("en"):
            services.agreement_accept(agreement=agreement, actor=reviewer)
    agreement.refresh_from_db()
    assert agreement.status == Status.SUBMITTED and agreement.organisation is None
    assert not User.objects.filter(username__startswith="org-").exists()


def test_a_terminated_organisation_keeps_its_own_email_on_a_new_agreement(reviewer):
    first = accepted(reviewer)
    services.agreement_terminate(agreement=first, actor=reviewer, reason="Новая редакция")
    second = submitted()
    services.agreement_accept(agreement=second, actor=reviewer)
    second.refresh_from_db()
    assert second.status == Status.ACCEPTED and second.organisation == first.organisation
