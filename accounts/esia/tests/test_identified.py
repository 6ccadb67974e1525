"""A person logged in through a confirmed ESIA account counts as identified: no captcha, no SMS phone check."""

import pytest
from django.urls import reverse

from accounts.esia import services
from accounts.esia.testing import data
from accounts.esia.tests.helpers import login_through_esia
from accounts.models import PhoneVerification, User
from accounts.services import profile_missing_items
from accounts.tests.factories import PASSWORD
from accounts.tests.helpers import log_in_recently
from notifications.models import Notification

pytestmark = pytest.mark.django_db
ESIA_MOBILE = "+79123456789"


def _person(client, esia):
    login_through_esia(client, esia)
    return User.objects.get(username=f"esia-{data.PERSON_OID}")


def test_the_esia_signup_asks_no_captcha_and_sends_no_sms_code(client, esia):
    person = _person(client, esia)
    assert not [r for r in esia.requests if "/captcha/" in r[1]]
    assert not PhoneVerification.objects.filter(user=person).exists()
    assert not Notification.objects.filter(template="phone_code").exists()
    assert person.phone_confirmed and profile_missing_items(person) == []
    home = client.get(reverse("home"), follow=True).content.decode()
    assert "Подтвердите телефон" not in home and 'href="/captcha/' not in home
    assert client.session[services.IDENTIFIED_KEY] is True


def test_an_account_esia_has_not_confirmed_is_not_identified(client, esia):
    esia.trusted = False
    _person(client, esia)
    assert client.session[services.IDENTIFIED_KEY] is False


def _set_other_phone(person):
    person.phone = "+79990001122"
    person.save(update_fields=["phone"])


def test_the_number_esia_verified_is_confirmed_without_sms(client, esia):
    person = _person(client, esia)
    _set_other_phone(person)
    response = client.post(reverse("accounts:phone_change"), {"phone": ESIA_MOBILE})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:settings")
    person.refresh_from_db()
    assert person.phone.as_e164 == ESIA_MOBILE and person.phone_confirmed
    assert not PhoneVerification.objects.filter(user=person).exists()


def test_another_number_is_still_confirmed_by_sms(client, esia):
    person = _person(client, esia)
    response = client.post(reverse("accounts:phone_change"), {"phone": "+79990001133"})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:phone_confirm")
    assert PhoneVerification.objects.filter(user=person, phone="+79990001133").exists()
    person.refresh_from_db()
    assert person.phone.as_e164 == ESIA_MOBILE  # unchanged until the code comes back


def test_a_password_session_of_the_same_person_is_not_identified(client, esia):
    person = _person(client, esia)
    _set_other_phone(person)
    person.set_password(PASSWORD)
    person.save()
    client.logout()
    log_in_recently(client, person)
    response = client.post(reverse("accounts:phone_change"), {"phone": ESIA_MOBILE})
    assert response["Location"] == reverse("accounts:phone_confirm")
    assert PhoneVerification.objects.filter(user=person).exists()
