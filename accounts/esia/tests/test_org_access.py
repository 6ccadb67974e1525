"""Acting for an organisation uses ESIA's organisation-scoped access, and every way it can fail."""

import uuid
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection
from django.urls import reverse

from accounts.esia import api, org_access, services
from accounts.esia.errors import ESIAError
from accounts.esia.models import OrganisationLink
from accounts.esia.testing import data
from accounts.esia.tests.helpers import act_for_organisation, callback, consent, login_through_esia
from accounts.models import User
from accounts.tests.factories import ApplicantFactory
from portal.tests.concurrency import run_together

pytestmark = pytest.mark.django_db
WATER, HEAT = data.ORG_OIDS
ORG_SCOPES = ("org_fullname", "org_shortname", "org_type", "org_ogrn", "org_inn", "org_kpp", "org_addrs", "org_ctts")


def _person(client, esia):
    login_through_esia(client, esia)
    return User.objects.get(username=f"esia-{data.PERSON_OID}")


def _start(client, org_oid=WATER):
    response = client.get(reverse("accounts:esia:org_start", args=[org_oid]))
    assert response.status_code == 302, response.content[:300]
    return response["Location"]


def test_the_login_reads_no_organisation_data(client, esia):
    _person(client, esia)
    assert not [r for r in esia.requests if r[1].startswith("/rs/orgs/")]


def test_the_organisation_request_asks_its_scopes_signed_like_the_login(client, esia):
    _person(client, esia)
    url = _start(client)
    assert urlparse(url).path == "/aas/oauth2/v2/ac"
    params = {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}
    assert params["scope"].split() == [f"{name}?org_oid={WATER}" for name in ORG_SCOPES]
    assert params["redirect_uri"].endswith(reverse("accounts:esia:org_callback"))
    assert uuid.UUID(params["state"]) and params["client_certificate_hash"] == esia.client_hash
    assert esia.secret_is_valid(params, *(params[n] for n in ("client_id", "scope", "timestamp", "state",
                                                                "redirect_uri")))


def test_the_organisation_data_is_read_with_the_organisation_token(client, esia):
    _person(client, esia)
    act_for_organisation(client, esia, WATER)
    token_requests = [r for r in esia.requests if r[1] == "/aas/oauth2/v3/te"]
    assert token_requests[-1][2]["scope"].split()[0] == f"org_fullname?org_oid={WATER}"
    assert {r[1] for r in esia.requests if r[1].startswith("/rs/orgs/")} == {
        f"/rs/orgs/{WATER}", f"/rs/orgs/{WATER}/addrs", f"/rs/orgs/{WATER}/ctts"}
    profile = OrganisationLink.objects.get(esia_oid=WATER).account.profile
    source = data.ORGANISATIONS[WATER]
    assert (profile.inn, profile.kpp, profile.ogrn, profile.org_full_name) == (
        source["inn"], source["kpp"], source["ogrn"], source["fullName"])
    assert profile.postal_address == "125009, г. Москва, а/я 15"


def test_esia_refuses_organisation_data_to_a_person_token(esia):
    person_token = esia.token("openid fullname usr_org")
    with pytest.raises(ESIAError) as refused:
        api.organisation_data(person_token, {"oid": WATER})
    assert refused.value.kind == "org_data"
    other_org_token = esia.token(" ".join(f"{name}?org_oid={HEAT}" for name in ORG_SCOPES))
    with pytest.raises(ESIAError):
        api.organisation_data(other_org_token, {"oid": WATER})


def _nothing_created(client, person, response, words):
    assert response.status_code == 400
    text = response.content.decode()
    assert words in text, text
    assert not OrganisationLink.objects.exists()
    assert not User.objects.filter(applicant_type__in=["legal", "entrepreneur"]).exists()
    assert int(client.session["_auth_user_id"]) == person.pk
    assert client.session[services.ACTING_FOR_KEY] == ""
    return text


def test_an_organisation_the_person_left_is_refused_by_esia_with_007194(client, esia):
    person = _person(client, esia)
    esia.left_orgs = {WATER}
    text = _nothing_created(client, person, act_for_organisation(client, esia, WATER), "не числитесь сотрудником")
    assert "ESIA-007194" in text


def test_refused_consent_for_the_organisation_creates_nothing(client, esia):
    person = _person(client, esia)
    _nothing_created(client, person, act_for_organisation(client, esia, WATER, decision="deny"), "не разрешили")


def test_an_answer_with_another_state_is_not_trusted(client, esia):
    person = _person(client, esia)
    esia.state_override = str(uuid.uuid4())
    _nothing_created(client, person, act_for_organisation(client, esia, WATER), "не относится к этой попытке")


def test_an_answer_nobody_asked_for_is_not_trusted(client, esia):
    person = _person(client, esia)
    location = consent(esia, _start(client))
    session = client.session
    del session[org_access.PENDING_KEY]  # as in another browser, or an answer already used
    session.save()
    _nothing_created(client, person, callback(client, location), "не относится к этой попытке")


@pytest.mark.parametrize("mode", ["expired", "forged", "other_person"])
def test_a_bad_organisation_token_is_refused(client, esia, mode):
    person = _person(client, esia)
    esia.token_mode = mode
    _nothing_created(client, person, act_for_organisation(client, esia, WATER), "не прошёл проверку")


def test_esia_unreachable_at_the_organisation_step(client, esia):
    person = _person(client, esia)
    location = consent(esia, _start(client))
    esia.stop()
    _nothing_created(client, person, callback(client, location), "не отвечают")


def test_an_esia_code_at_the_organisation_token_step_is_shown(client, esia):
    person = _person(client, esia)
    esia.token_error = "ESIA-007015"
    text = _nothing_created(client, person, act_for_organisation(client, esia, WATER), "ESIA-007015")
    assert "часы портала" in text


def test_the_callback_is_404_for_a_session_that_did_not_come_through_esia(client, esia):
    client.force_login(ApplicantFactory(username="someone"))
    assert client.get(reverse("accounts:esia:org_callback"), {"state": "x", "code": "y"}).status_code == 404
    assert client.get(reverse("accounts:esia:org_start", args=[WATER])).status_code == 404


def test_without_esia_settings_the_organisation_urls_do_not_exist(client, esia, settings):
    _person(client, esia)
    settings.ESIA_CLIENT_ID = ""
    assert client.get(reverse("accounts:esia:org_start", args=[WATER])).status_code == 404


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="advisory locks need PostgreSQL (CI runs it)")
def test_two_sessions_acting_for_a_new_organisation_at_once_make_one_account():
    from allauth.socialaccount.models import SocialAccount

    person = ApplicantFactory(username="esia-racer")
    role = {"oid": WATER, "fullName": "", "shortName": "", "ogrn": data.ORGANISATIONS[WATER]["ogrn"],
            "type": "LEGAL", "chief": True, "position": ""}
    SocialAccount.objects.create(user=person, provider="esia", uid=data.PERSON_OID,
                                 extra_data={"oid": data.PERSON_OID, "person": {}, "orgs": [role]})
    source = data.ORGANISATIONS[WATER]
    org = {**role, "fullName": source["fullName"], "shortName": source["shortName"], "inn": source["inn"],
           "kpp": source["kpp"], "phone": "", "email": "", "addresses": {"legal": "г. Москва", "postal": ""}}

    def act():
        return services.organisation_account_for(person=User.objects.get(pk=person.pk), org=org)

    results = run_together([act, act])
    assert all(isinstance(result, User) for result in results), results
    assert results[0].pk == results[1].pk and OrganisationLink.objects.count() == 1
    assert User.objects.filter(applicant_type="legal").count() == 1


def test_another_sites_link_does_not_start_acting_for_an_organisation(client, esia):
    _person(client, esia)
    url = reverse("accounts:esia:org_start", args=[WATER])
    response = client.get(url, headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:esia:choose")
    assert org_access.PENDING_KEY not in client.session
    assert client.get(url, headers={"Sec-Fetch-Site": "same-origin"})["Location"].startswith(esia.base_url)


def test_full_uri_scopes_are_understood(client, esia, settings):
    settings.ESIA_ORG_SCOPES = " ".join(f"http://esia.gosuslugi.ru/{name}" for name in ORG_SCOPES)
    _person(client, esia)
    act_for_organisation(client, esia, WATER)
    assert OrganisationLink.objects.get(esia_oid=WATER).account.profile.kpp == data.ORGANISATIONS[WATER]["kpp"]
