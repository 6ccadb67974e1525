from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import PhoneVerification, User
from accounts.tests.factories import ApplicantFactory
from accounts.tests.helpers import last_sms_code, log_in_recently

pytestmark = pytest.mark.django_db

CONFIRM = reverse("accounts:phone_confirm")


@pytest.fixture
def unconfirmed(settings):
    settings.PHONE_CODE_RESEND_SECONDS = 60
    user = ApplicantFactory(username="newbie", phone="+79120000001", phone_confirmed_at=None)
    services.phone_verification_start(user=user, phone=user.phone)
    return user


def test_the_right_code_confirms_the_phone(client, unconfirmed):
    client.force_login(unconfirmed)
    response = client.post(CONFIRM, {"code": last_sms_code("+79120000001")})
    assert response.status_code == 302
    unconfirmed.refresh_from_db()
    assert unconfirmed.phone_confirmed


def test_a_wrong_code_uses_an_attempt_and_says_how_many_are_left(client, unconfirmed):
    client.force_login(unconfirmed)
    wrong = "000000" if last_sms_code("+79120000001") != "000000" else "111111"
    response = client.post(CONFIRM, {"code": wrong})
    assert "Осталось 2 попытки" in response.content.decode()
    assert PhoneVerification.objects.get(user=unconfirmed).attempts_left == 2


def test_three_wrong_codes_use_up_the_code(client, unconfirmed):
    client.force_login(unconfirmed)
    right = last_sms_code("+79120000001")
    wrong = "000000" if right != "000000" else "111111"
    for _attempt in range(3):
        client.post(CONFIRM, {"code": wrong})
    response = client.post(CONFIRM, {"code": right})
    assert "Запросите новый код" in response.content.decode()
    unconfirmed.refresh_from_db()
    assert not unconfirmed.phone_confirmed


def test_an_expired_code_is_refused(client, unconfirmed):
    client.force_login(unconfirmed)
    PhoneVerification.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post(CONFIRM, {"code": last_sms_code("+79120000001")})
    assert "Срок действия кода истёк" in response.content.decode()
    unconfirmed.refresh_from_db()
    assert not unconfirmed.phone_confirmed


@pytest.mark.parametrize("code", ["", "12345", "abcdef", "1234567"])
def test_malformed_codes_get_a_message(client, unconfirmed, code):
    client.force_login(unconfirmed)
    response = client.post(CONFIRM, {"code": code})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert PhoneVerification.objects.get(user=unconfirmed).attempts_left == 3


def test_a_new_code_waits_for_the_pause(client, unconfirmed):
    client.force_login(unconfirmed)
    response = client.post(CONFIRM, {"resend": "1"}, follow=True)
    assert "Новый код можно запросить через" in response.content.decode()
    assert PhoneVerification.objects.filter(user=unconfirmed).count() == 1
    PhoneVerification.objects.update(created_at=timezone.now() - timedelta(seconds=61))
    client.post(CONFIRM, {"resend": "1"})
    assert PhoneVerification.objects.filter(user=unconfirmed).count() == 2


def test_only_the_newest_code_counts(client, unconfirmed):
    client.force_login(unconfirmed)
    old_code = last_sms_code("+79120000001")
    PhoneVerification.objects.update(created_at=timezone.now() - timedelta(seconds=61))
    client.post(CONFIRM, {"resend": "1"})
    new_code = last_sms_code("+79120000001")
    if old_code != new_code:
        client.post(CONFIRM, {"code": old_code})
        unconfirmed.refresh_from_db()
        assert not unconfirmed.phone_confirmed
    client.post(CONFIRM, {"code": new_code})
    unconfirmed.refresh_from_db()
    assert unconfirmed.phone_confirmed


def test_changing_the_phone_keeps_the_old_one_until_the_code(client, applicant):
    old_phone = applicant.phone
    log_in_recently(client, applicant)
    response = client.post(reverse("accounts:phone_change"), {"phone": "+7 903 111-22-33"})
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.phone == old_phone and applicant.phone_confirmed
    client.post(CONFIRM, {"code": last_sms_code("+79031112233")})
    applicant.refresh_from_db()
    assert applicant.phone.as_e164 == "+79031112233" and applicant.phone_confirmed


@pytest.mark.parametrize("phone,message", [("12", "Введите правильный номер"), ("", "бязательн")])
def test_a_bad_new_phone_gets_a_message(client, applicant, phone, message):
    log_in_recently(client, applicant)
    response = client.post(reverse("accounts:phone_change"), {"phone": phone})
    assert message in response.content.decode()
    assert not PhoneVerification.objects.filter(user=applicant).exists()


def test_the_same_confirmed_phone_is_not_changed(client, applicant):
    log_in_recently(client, applicant)
    response = client.post(reverse("accounts:phone_change"), {"phone": str(applicant.phone)})
    assert "уже подтверждён" in response.content.decode()


def test_a_code_of_another_user_does_not_confirm(client, unconfirmed):
    other = ApplicantFactory(username="someone", phone="+79120000002", phone_confirmed_at=None)
    services.phone_verification_start(user=other, phone=other.phone)
    client.force_login(unconfirmed)
    client.post(CONFIRM, {"code": last_sms_code("+79120000002")})
    assert not User.objects.get(pk=other.pk).phone_confirmed
    if last_sms_code("+79120000002") != last_sms_code("+79120000001"):
        assert not User.objects.get(pk=unconfirmed.pk).phone_confirmed


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.get(CONFIRM)
    assert response.status_code == 302 and response.url == reverse("account_login")
