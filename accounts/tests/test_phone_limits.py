"""Issue 11 item 4: the resend pause holds under parallel requests, daily caps per number and per
account, and only mobile numbers receive codes."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import PhoneVerification
from accounts.tests.factories import ApplicantFactory
from accounts.tests.helpers import log_in_recently
from accounts.tests.test_signup import signup_data
from notifications.models import Notification
from portal.tests.concurrency import run_together

NOT_MOBILE = "нужен номер мобильного телефона"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)")
def test_parallel_requests_send_one_code_within_the_pause(settings):
    settings.PHONE_CODE_RESEND_SECONDS = 60
    user = ApplicantFactory(username="racer", phone="+79120000077", phone_confirmed_at=None)

    def request_code():
        return services.phone_verification_start(user=user, phone=user.phone)

    results = run_together([request_code] * 8)
    refused = [r for r in results if isinstance(r, services.PhoneCodeError)]
    assert len(refused) == 7, results
    assert PhoneVerification.objects.filter(user=user).count() == 1
    assert Notification.objects.filter(channel="sms", template="phone_code").count() == 1


@pytest.mark.django_db
def test_a_number_gets_at_most_its_daily_cap_whatever_the_account(settings):
    settings.PHONE_CODE_RESEND_SECONDS = 0
    settings.PHONE_CODE_DAILY_PER_NUMBER = 3
    users = [ApplicantFactory(username=f"u{n}", phone="+79120000099", phone_confirmed_at=None) for n in range(4)]
    for user in users[:3]:
        services.phone_verification_start(user=user, phone=user.phone)
    with pytest.raises(services.PhoneCodeError, match="(?i)сегодня"):
        services.phone_verification_start(user=users[3], phone=users[3].phone)
    PhoneVerification.objects.update(created_at=timezone.now() - timedelta(days=1, minutes=1))
    services.phone_verification_start(user=users[3], phone=users[3].phone)


@pytest.mark.django_db
def test_an_account_gets_at_most_its_daily_cap_whatever_the_number(settings):
    settings.PHONE_CODE_RESEND_SECONDS = 0
    settings.PHONE_CODE_DAILY_PER_ACCOUNT = 2
    user = ApplicantFactory(username="hopper", phone_confirmed_at=None)
    services.phone_verification_start(user=user, phone="+79120000101")
    services.phone_verification_start(user=user, phone="+79120000102")
    with pytest.raises(services.PhoneCodeError, match="(?i)сегодня"):
        services.phone_verification_start(user=user, phone="+79120000103")


@pytest.mark.django_db
@pytest.mark.parametrize("phone", ["+7 495 123-45-67", "8 800 123-45-67"])
def test_landline_and_free_phone_numbers_are_refused_for_codes(client, applicant, phone):
    log_in_recently(client, applicant)
    response = client.post(reverse("accounts:phone_change"), {"phone": phone})
    assert response.status_code == 200 and NOT_MOBILE in response.content.decode()
    assert not PhoneVerification.objects.filter(user=applicant).exists()
    client.logout()
    response = client.post(reverse("account_signup"), signup_data(phone=phone))
    assert NOT_MOBILE in response.content.decode()
    with pytest.raises(services.PhoneCodeError):
        services.phone_verification_start(user=applicant, phone=phone)
