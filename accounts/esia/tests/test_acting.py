"""Acting for oneself or for an organisation ESIA links the person to (seed 004, step 4)."""

import pytest
from django.urls import reverse

from accounts.esia import services
from accounts.esia.models import OrganisationLink
from accounts.esia.testing import data
from accounts.esia.tests.helpers import act_for_organisation, login_through_esia
from accounts.models import User
from accounts.services import profile_missing_items
from accounts.tests.factories import ApplicantFactory, LegalApplicantFactory

pytestmark = pytest.mark.django_db
WATER, HEAT = data.ORG_OIDS


def _act(client, choice, esia=None):
    if choice == "self":
        return client.post(reverse("accounts:esia:switch"), {"choice": choice})
    return act_for_organisation(client, esia, choice)


def test_the_choice_lists_the_person_and_both_organisations(client, esia):
    login_through_esia(client, esia)
    text = client.get(reverse("accounts:esia:choose")).content.decode()
    assert "Петров Иван Сергеевич" in text
    assert "ООО «Водоканал-Сервис»" in text and "АО «Теплосеть»" in text


def test_acting_for_an_organisation_logs_in_to_its_account_filled_from_esia(client, esia):
    login_through_esia(client, esia)
    person = User.objects.get(username=f"esia-{data.PERSON_OID}")
    response = _act(client, WATER, esia)
    assert response.status_code == 302
    org = OrganisationLink.objects.get(esia_oid=WATER).account
    assert int(client.session["_auth_user_id"]) == org.pk
    assert client.session[services.ACTING_PERSON_KEY] == person.pk
    assert org.applicant_type == "legal" and org.full_name == "ООО «Водоканал-Сервис»"
    source = data.ORGANISATIONS[WATER]
    profile = org.profile
    assert (profile.inn, profile.kpp, profile.ogrn) == (source["inn"], source["kpp"], source["ogrn"])
    assert profile.legal_address == "г. Москва, ул. Садовая, д. 5" and profile.head_name == person.full_name
    assert profile_missing_items(org) == []  # ready to file applications
    page = client.get(reverse("home")).content.decode()
    assert 'id="role-switch"' in page and "От имени организации" in page


def test_the_role_switches_back_to_the_person_and_to_the_other_organisation(client, esia):
    login_through_esia(client, esia)
    person = User.objects.get(username=f"esia-{data.PERSON_OID}")
    _act(client, WATER, esia)
    _act(client, "self")
    assert int(client.session["_auth_user_id"]) == person.pk
    _act(client, HEAT, esia)
    assert int(client.session["_auth_user_id"]) == OrganisationLink.objects.get(esia_oid=HEAT).account.pk
    assert OrganisationLink.objects.count() == 2


def test_an_existing_organisation_account_is_linked_by_ogrn_not_duplicated(client, esia):
    existing = LegalApplicantFactory(username="vodokanal")
    existing.profile.ogrn = data.ORGANISATIONS[WATER]["ogrn"]
    existing.profile.save()
    login_through_esia(client, esia)
    _act(client, WATER, esia)
    assert int(client.session["_auth_user_id"]) == existing.pk
    assert OrganisationLink.objects.get(esia_oid=WATER).account == existing


def test_an_organisation_esia_did_not_list_is_refused(client, esia):
    login_through_esia(client, esia)
    other = LegalApplicantFactory(username="stranger")
    OrganisationLink.objects.create(esia_oid="999", account=other)
    response = _act(client, "999", esia)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:esia:choose")
    assert int(client.session["_auth_user_id"]) != other.pk
    assert "не связаны с этой организацией" in client.get(reverse("accounts:esia:choose")).content.decode()


def test_a_password_login_cannot_act_for_anyone(client, esia):
    login_through_esia(client, esia)
    client.logout()
    client.force_login(User.objects.get(username=f"esia-{data.PERSON_OID}"))
    assert client.get(reverse("accounts:esia:choose")).status_code == 404
    assert _act(client, WATER, esia).status_code == 404
    assert not OrganisationLink.objects.exists()


def test_another_applicant_gets_404(client, esia):
    client.force_login(ApplicantFactory(username="someone"))
    assert client.get(reverse("accounts:esia:choose")).status_code == 404


def test_the_settings_page_says_the_data_is_confirmed_by_esia(client, esia):
    login_through_esia(client, esia)
    page = client.get(reverse("accounts:settings")).content.decode()
    assert "подтверждены ЕСИА" in page and "Связать с Госуслугами" not in page
    client.force_login(ApplicantFactory(username="plain"))
    assert "Связать с Госуслугами" in client.get(reverse("accounts:settings")).content.decode()
