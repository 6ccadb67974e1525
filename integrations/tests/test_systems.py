import pytest

from integrations import services
from integrations.choices import SystemKind, SystemStatus
from integrations.models import InformationSystem, SystemEvent
from integrations.tests import factories
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_an_application_signed_with_the_systems_key_is_sent_for_review(trusted, organisation, legal_key,
                                                                      sign_bytes):
    system = factories.draft_system(organisation, legal_key)
    assert system.status == SystemStatus.DRAFT and system.certificate.serial in system.text
    outcome = services.system_sign(system=system, data=sign_bytes(legal_key, system.text_bytes))
    system.refresh_from_db()
    assert outcome.valid and system.status == SystemStatus.SUBMITTED and system.submitted_at
    assert list(system.events.values_list("from_status", "to_status")) == [("draft", "submitted")]


def test_a_signature_with_another_key_of_the_organisation_is_refused(trusted, organisation, legal_key, second_key,
                                                                    sign_bytes):
    system = factories.draft_system(organisation, legal_key)
    outcome = services.system_sign(system=system, data=sign_bytes(second_key, system.text_bytes))
    system.refresh_from_db()
    assert not outcome.valid and "ключом сертификата" in outcome.summary
    assert system.status == SystemStatus.DRAFT and not system.events.exists()


def test_a_certificate_of_another_organisation_is_refused(trusted, organisation, stranger_key):
    with pytest.raises(services.IntegrationRefused, match="не принадлежит оператору"):
        factories.draft_system(organisation, stranger_key)
    assert not InformationSystem.objects.exists()


@pytest.mark.parametrize("data", [b"", b"not a certificate", b"-----BEGIN CERTIFICATE-----\nAAAA\n"])
def test_a_file_that_is_no_certificate_gets_a_russian_message(organisation, data):
    with pytest.raises(services.IntegrationRefused) as refusal:
        services.system_start(operator=organisation, certificate_data=data, **factories.system_fields())
    assert any("а" <= ch <= "я" for ch in str(refusal.value).lower())


def test_a_commercial_system_needs_the_operator_function(trusted, organisation, legal_key, reviewer):
    with pytest.raises(services.IntegrationRefused, match="Оператор ИС"):
        factories.draft_system(organisation, legal_key, kind=SystemKind.COMMERCIAL)
    services.operator_grant(organisation=organisation, actor=reviewer)
    assert factories.draft_system(organisation, legal_key, kind=SystemKind.COMMERCIAL).kind == SystemKind.COMMERCIAL


def test_activation_and_rejection_are_recorded_moves_with_an_email(trusted, organisation, legal_key, reviewer,
                                                                   sign_bytes):
    system = factories.active_system(organisation, legal_key, reviewer, sign_bytes)
    assert system.status == SystemStatus.ACTIVE and system.activated_at
    event = SystemEvent.objects.filter(system=system).last()
    assert (event.to_status, event.actor) == (SystemStatus.ACTIVE, reviewer)
    mails = Notification.objects.filter(template="integration_status")
    assert mails.filter(recipient=system.admin_email).count() == 2  # sent for review, activated
    other = factories.draft_system(organisation, legal_key)
    services.system_sign(system=other, data=sign_bytes(legal_key, other.text_bytes))
    with pytest.raises(services.IntegrationRefused):
        services.system_reject(system=other, actor=reviewer, reason="  ")
    services.system_reject(system=other, actor=reviewer, reason="Неверная территория")
    other.refresh_from_db()
    assert other.status == SystemStatus.REJECTED and other.rejection_reason == "Неверная территория"


def test_renewing_the_certificate_keeps_the_old_one_in_history(trusted, active_system, legal_key, second_key,
                                                               sign_bytes):
    old = active_system.certificate
    info, text = services.renewal_text(active_system, second_key.cert.read_bytes())
    outcome = services.system_renew_certificate(system=active_system, certificate_data=second_key.cert.read_bytes(),
                                                text=text, data=sign_bytes(second_key, text.encode()))
    assert outcome.valid, outcome.summary
    active_system.refresh_from_db()
    assert active_system.certificate.serial == info.serial_hex != old.serial
    old.refresh_from_db()
    assert old.replaced_at is not None
    assert active_system.events.last().comment.count(old.serial) == 1


def test_a_renewal_signed_with_the_old_key_is_refused(trusted, active_system, legal_key, second_key, sign_bytes):
    _info, text = services.renewal_text(active_system, second_key.cert.read_bytes())
    outcome = services.system_renew_certificate(system=active_system, certificate_data=second_key.cert.read_bytes(),
                                                text=text, data=sign_bytes(legal_key, text.encode()))
    assert not outcome.valid
    assert active_system.certificates.filter(replaced_at__isnull=True).get().serial != ""
    assert active_system.certificates.count() == 1
