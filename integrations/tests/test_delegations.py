import datetime

import pytest
from django.utils import timezone

from integrations import services
from integrations.choices import DelegationStatus, InformationKind, SystemKind
from integrations.models import Delegation
from integrations.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def commercial_system(trusted, operator_organisation, operator_key, reviewer, sign_bytes):
    services.operator_grant(organisation=operator_organisation, actor=reviewer)
    return factories.active_system(operator_organisation, operator_key, reviewer, sign_bytes,
                                   kind=SystemKind.COMMERCIAL, short_name="Облако Лютика",
                                   admin_email="is@lyutik.example.ru")


def test_rights_to_the_own_system_are_accepted_at_once(active_system, organisation):
    delegation = factories.delegation(organisation, active_system)
    assert delegation.status == DelegationStatus.ACCEPTED and delegation.provider_id
    assert list(delegation.events.values_list("to_status", flat=True)) == ["sent", "accepted"]


def test_an_operator_accepts_or_rejects_requests_to_its_commercial_system(commercial_system, organisation,
                                                                          operator_organisation):
    request = factories.delegation(organisation, commercial_system, kinds=[InformationKind.PASSPORTS])
    assert request.status == DelegationStatus.SENT and request.provider_id is None
    assert list(Delegation.objects.received_by(operator_organisation)) == [request]
    services.delegation_accept(delegation=request, actor=operator_organisation)
    request.refresh_from_db()
    assert request.status == DelegationStatus.ACCEPTED and request.provider_id
    other = factories.delegation(organisation, commercial_system)
    services.delegation_reject(delegation=other, actor=operator_organisation, reason="Нет договора")
    other.refresh_from_db()
    assert other.status == DelegationStatus.REJECTED and other.reason == "Нет договора"


def test_kinds_the_system_does_not_receive_and_reversed_periods_are_refused(active_system, organisation):
    active_system.information_kinds = [InformationKind.NOTICES]
    active_system.save(update_fields=["information_kinds"])
    with pytest.raises(services.IntegrationRefused, match="Паспорта домов"):
        factories.delegation(organisation, active_system, kinds=[InformationKind.PASSPORTS])
    today = timezone.localdate()
    with pytest.raises(services.IntegrationRefused, match="раньше"):
        factories.delegation(organisation, active_system, kinds=[InformationKind.NOTICES], starts_on=today,
                             ends_on=today - datetime.timedelta(days=1))


def test_rights_cannot_go_to_another_organisations_own_system(active_system, operator_organisation):
    with pytest.raises(services.IntegrationRefused):
        factories.delegation(operator_organisation, active_system)


def _last_email_to(address):
    from notifications.models import Notification

    return Notification.objects.filter(channel="email", recipient=address).latest("pk")


def test_every_delegation_e_mail_links_to_the_request_or_the_rights(commercial_system, organisation,
                                                                   operator_organisation):
    """The operator's e-mail leads to the request it received, the organisation's to its granted rights."""
    from django.conf import settings
    from django.urls import reverse

    request = factories.delegation(organisation, commercial_system, kinds=[InformationKind.PASSPORTS])
    received = settings.SITE_URL + reverse("integrations:received_detail", args=[request.pk])
    granted = settings.SITE_URL + reverse("integrations:delegations")
    assert received in _last_email_to("is@lyutik.example.ru").body
    services.delegation_accept(delegation=request, actor=operator_organisation)
    assert granted in _last_email_to(organisation.email).body
    services.delegation_revoke(delegation=Delegation.objects.get(pk=request.pk), actor=organisation)
    assert received in _last_email_to("is@lyutik.example.ru").body
    assert granted in _last_email_to(organisation.email).body
