import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from integrations import services
from integrations.choices import DelegationStatus, SystemKind, SystemStatus
from integrations.models import Delegation, InformationSystem
from integrations.tests import factories

pytestmark = pytest.mark.django_db


def form_data(key=None, **overrides):
    data = {**factories.system_fields(), "security_confirmed": "on", "agreement_confirmed": "on"}
    if key is not None:
        data["certificate"] = SimpleUploadedFile("system.cer", key.cert.read_bytes())
    data.pop("kind")
    return {**data, **overrides}


def test_an_organisation_registers_its_own_system_and_signs_the_application(client, trusted, organisation, legal_key,
                                                                           sign_bytes):
    client.force_login(organisation)
    response = client.post(reverse("integrations:system_new") + "?kind=own", form_data(legal_key))
    system = InformationSystem.objects.get()
    assert response.url == reverse("integrations:system", args=[system.pk])
    assert (system.kind, system.information_kinds, system.oktmo) == (SystemKind.OWN, ["notices", "passports"],
                                                                     "14701000001")
    signature = SimpleUploadedFile("a.sig", sign_bytes(legal_key, system.text_bytes))
    client.post(reverse("integrations:sign", args=[system.pk]), {"signature_file": signature})
    system.refresh_from_db()
    assert system.status == SystemStatus.SUBMITTED
    page = client.get(reverse("integrations:system", args=[system.pk])).content.decode()
    assert "Заявка подписана и отправлена" in page


def test_bad_input_gets_russian_messages_and_keeps_what_was_typed(client, organisation):
    client.force_login(organisation)
    response = client.post(reverse("integrations:system_new"), {
        **form_data(full_name="Моя система", oktmo="12-34"),
        "certificate": SimpleUploadedFile("x.cer", b"not a certificate")})
    page = response.content.decode()
    assert response.status_code == 200 and "ОКТМО состоит из 8 или 11 цифр" in page
    assert 'value="Моя система"' in page and not InformationSystem.objects.exists()
    response = client.post(reverse("integrations:system_new"), {
        **form_data(), "certificate": SimpleUploadedFile("x.cer", b"not a certificate")})
    assert "сертификат" in response.content.decode().lower() and not InformationSystem.objects.exists()


def test_a_commercial_application_is_offered_only_to_operators(client, organisation, reviewer):
    client.force_login(organisation)
    assert "kind=commercial" not in client.get(reverse("integrations:systems")).content.decode()
    services.operator_grant(organisation=organisation, actor=reviewer)
    assert "kind=commercial" in client.get(reverse("integrations:systems")).content.decode()


@pytest.mark.parametrize(("name", "method"), [("system", "get"), ("text", "get"), ("sign", "post"),
                                              ("renew", "get"), ("renewal_text", "get")])
def test_another_organisation_gets_404_on_a_system(client, active_system, operator_organisation, name, method):
    client.force_login(operator_organisation)
    assert getattr(client, method)(reverse(f"integrations:{name}", args=[active_system.pk])).status_code == 404


@pytest.mark.parametrize(("name", "method"), [("received_detail", "get"), ("received_accept", "post"),
                                              ("received_reject", "post"), ("delegation_revoke", "post")])
def test_others_get_404_on_a_delegation(client, active_system, organisation, operator_organisation, name, method):
    delegation = factories.delegation(organisation, active_system)
    client.force_login(operator_organisation)
    assert getattr(client, method)(reverse(f"integrations:{name}", args=[delegation.pk])).status_code == 404


def test_an_applicant_without_an_agreement_is_told_how_to_get_one(client, applicant):
    client.force_login(applicant)
    response = client.get(reverse("integrations:systems"))
    assert response.status_code == 403 and "соглашени" in response.content.decode()


def test_an_organisation_delegates_and_revokes_rights_to_its_own_system(client, active_system, organisation):
    client.force_login(organisation)
    response = client.post(reverse("integrations:delegations"), {
        "system": active_system.pk, "information_kinds": ["notices", "passports"], "starts_on": "2026-01-01"})
    assert response.status_code == 302
    delegation = Delegation.objects.get()
    assert delegation.status == DelegationStatus.ACCEPTED
    page = client.get(reverse("integrations:system", args=[active_system.pk])).content.decode()
    assert str(delegation.provider_id) in page
    client.post(reverse("integrations:delegation_revoke", args=[delegation.pk]))
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.REVOKED


def test_a_reversed_period_is_refused_with_the_form_kept(client, active_system, organisation):
    client.force_login(organisation)
    response = client.post(reverse("integrations:delegations"), {
        "system": active_system.pk, "information_kinds": ["notices"], "starts_on": "2026-05-01",
        "ends_on": "2026-04-01"})
    assert "не может закончиться раньше" in response.content.decode() and not Delegation.objects.exists()


def test_reviewers_activate_and_others_are_refused(client, trusted, organisation, legal_key, reviewer, applicant,
                                                    sign_bytes):
    system = factories.draft_system(organisation, legal_key)
    client.force_login(reviewer)
    assert client.get(reverse("integrations:staff_system", args=[system.pk])).status_code == 404  # a draft
    assert services.system_sign(system=system, data=sign_bytes(legal_key, system.text_bytes)).valid
    assert system.full_name in client.get(reverse("integrations:staff_systems")).content.decode()
    client.post(reverse("integrations:staff_activate", args=[system.pk]))
    system.refresh_from_db()
    assert system.status == SystemStatus.ACTIVE
    client.force_login(applicant)
    assert client.get(reverse("integrations:staff_system", args=[system.pk])).status_code == 403
    assert client.post(reverse("integrations:staff_block", args=[system.pk]), {"reason": "x"}).status_code == 403


def test_a_rejection_without_a_reason_is_refused_on_the_page(client, trusted, organisation, legal_key, reviewer,
                                                              sign_bytes):
    system = factories.draft_system(organisation, legal_key)
    services.system_sign(system=system, data=sign_bytes(legal_key, system.text_bytes))
    client.force_login(reviewer)
    response = client.post(reverse("integrations:staff_reject", args=[system.pk]), {"reason": ""})
    assert response.status_code == 200 and "id_reason_error" in response.content.decode()
    system.refresh_from_db()
    assert system.status == SystemStatus.SUBMITTED


def test_the_dashboard_shows_systems_waiting_for_activation(client, trusted, organisation, legal_key, reviewer,
                                                             sign_bytes):
    system = factories.draft_system(organisation, legal_key)
    services.system_sign(system=system, data=sign_bytes(legal_key, system.text_bytes))
    client.force_login(reviewer)
    page = client.get(reverse("staff_dashboard")).content.decode()
    assert "Ожидают активации" in page and system.short_name in page
