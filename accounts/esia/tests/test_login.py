"""Logging in through the stand-in ESIA as a person, and every bad answer ESIA can give."""

import uuid
from urllib.parse import parse_qs, urlparse

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from accounts.esia import services
from accounts.esia.testing import data
from accounts.esia.tests.helpers import authorisation_url, callback, consent, login_through_esia
from accounts.models import User
from accounts.tests.factories import ApplicantFactory
from accounts.tests.helpers import log_in_recently
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_the_authorisation_request_carries_what_esia_checks(client, esia):
    params = parse_qs(urlparse(authorisation_url(client)).query)
    assert urlparse(authorisation_url(client)).path == "/aas/oauth2/v2/ac"
    assert uuid.UUID(params["state"][0])
    assert params["client_certificate_hash"][0] == esia.client_hash
    assert params["scope"][0].split()[:2] == ["openid", "fullname"]
    assert esia.secret_is_valid({k: v[0] for k, v in params.items()}, *(
        params[name][0] for name in ("client_id", "scope", "timestamp", "state", "redirect_uri")))


def test_a_person_logs_in_and_gets_a_profile_confirmed_by_esia(client, esia):
    response = login_through_esia(client, esia)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:esia:choose")
    user = User.objects.get(socialaccount__provider="esia", socialaccount__uid=data.PERSON_OID)
    assert user.applicant_type == "individual" and user.full_name == "Петров Иван Сергеевич"
    assert user.phone_confirmed and user.phone.as_e164 == "+79123456789"
    assert EmailAddress.objects.get(user=user).verified
    profile = user.profile
    assert (profile.snils, profile.passport_series, profile.passport_number) == ("11223344595", "4510", "123456")
    assert profile.birth_date.isoformat() == "1985-03-15" and profile.address.startswith("г. Москва")
    assert client.session[services.IDENTIFIED_KEY] is True
    assert int(client.session["_auth_user_id"]) == user.pk
    token_requests = [r for r in esia.requests if r[1] == "/aas/oauth2/v3/te"]
    assert len(token_requests) == 1 and token_requests[0][2]["grant_type"] == "authorization_code"


def test_a_second_login_updates_the_same_account(client, esia):
    login_through_esia(client, esia)
    client.logout()
    login_through_esia(client, esia)
    assert User.objects.filter(socialaccount__provider="esia").count() == 1


def _refused(response, words):
    assert response.status_code == 400
    text = response.content.decode()
    assert words in text, text
    assert not User.objects.filter(username__startswith="esia-").exists()
    assert "_auth_user_id" not in response.client.session
    return text


def test_refused_consent_says_so_and_creates_nothing(client, esia):
    _refused(login_through_esia(client, esia, decision="deny"), "не разрешили")


def test_an_answer_with_another_state_is_not_trusted(client, esia):
    esia.state_override = str(uuid.uuid4())
    _refused(login_through_esia(client, esia), "не относится к этой попытке входа")


def test_an_expired_token_is_refused(client, esia):
    esia.token_mode = "expired"
    _refused(login_through_esia(client, esia), "не прошёл проверку подписи или срока")


def test_a_token_signed_by_someone_else_is_refused(client, esia):
    esia.token_mode = "forged"
    _refused(login_through_esia(client, esia), "не прошёл проверку подписи или срока")
    assert not [r for r in esia.requests if r[1].startswith("/rs/")]  # nothing asked with an untrusted token


def test_a_request_without_a_required_parameter_gets_esia_007014(client, esia):
    url = authorisation_url(client).replace("client_certificate_hash=", "client_certificate_hash_x=")
    text = _refused(callback(client, consent(esia, url)), "ESIA-007014")
    assert "обязательного параметра" in text


def test_a_request_signed_with_another_key_gets_esia_007053(client, esia, settings, tmp_path):
    from accounts.esia.testing.keys import make_pair

    settings.ESIA_PRIVATE_KEY = str(make_pair(tmp_path / "other", "other", "/CN=Other").key)
    _refused(login_through_esia(client, esia), "ESIA-007053")


def test_an_esia_code_at_the_token_step_is_shown(client, esia):
    esia.token_error = "ESIA-007053"
    _refused(login_through_esia(client, esia), "ESIA-007053")


def test_an_unknown_esia_code_is_quoted(client, esia):
    esia.token_error = "ESIA-007099"
    _refused(login_through_esia(client, esia), "ESIA-007099")


def test_esia_unreachable_says_so(client, esia):
    location = consent(esia, authorisation_url(client))
    esia.stop()
    _refused(callback(client, location), "не отвечают")


def test_an_existing_account_with_the_same_email_is_not_taken_over(client, esia):
    owner = ApplicantFactory(username="petrov", email="petrov@example.ru")
    login_through_esia(client, esia)
    person = User.objects.get(username=f"esia-{data.PERSON_OID}")
    assert person.pk != owner.pk and person.email == ""
    assert not SocialAccount.objects.filter(user=owner).exists()
    assert 'id="esia-other-account"' in client.get(reverse("accounts:esia:choose")).content.decode()


def test_an_existing_account_with_the_same_snils_is_pointed_at(client, esia):
    owner = ApplicantFactory(username="petrov-old", email="other@example.ru")
    owner.profile.snils = "11223344595"
    owner.profile.save()
    login_through_esia(client, esia)
    assert 'id="esia-other-account"' in client.get(reverse("accounts:esia:choose")).content.decode()
    assert not SocialAccount.objects.filter(user=owner).exists()


def test_no_hint_when_nobody_else_matches(client, esia):
    login_through_esia(client, esia)
    assert 'id="esia-other-account"' not in client.get(reverse("accounts:esia:choose")).content.decode()


def test_the_owner_links_esia_while_logged_in(client, esia):
    owner = ApplicantFactory(username="petrov", email="petrov@example.ru")
    log_in_recently(client, owner)  # linking a login method asks for the password again (issue 11)
    location = consent(esia, authorisation_url(client, process="connect"))
    callback(client, location)
    assert SocialAccount.objects.get(provider="esia").user == owner
    assert not User.objects.filter(username__startswith="esia-").exists()
    # A new way into the account is a security event: the owner is told (issue 11).
    assert Notification.objects.filter(user=owner, template="security_notice").exists()


def test_the_login_page_offers_gosuslugi_only_when_configured(client, esia, settings):
    assert "Войти через Госуслуги" in client.get(reverse("account_login")).content.decode()
    settings.ESIA_CLIENT_ID = ""
    assert "Войти через Госуслуги" not in client.get(reverse("account_login")).content.decode()


def test_without_esia_settings_the_login_urls_do_not_exist(client, settings):
    settings.ESIA_CLIENT_ID = ""
    assert client.get(reverse("esia_login")).status_code == 404
    assert client.get(reverse("esia_callback")).status_code == 404


def test_a_missing_key_file_is_a_clear_message_not_a_server_error(client, esia, settings, tmp_path):
    settings.ESIA_PRIVATE_KEY = str(tmp_path / "absent.key")
    response = client.get(reverse("esia_login"))
    assert response.status_code == 503 and "Не удалось войти через Госуслуги" in response.content.decode()
