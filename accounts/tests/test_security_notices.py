"""Issue 11 item 2: changes of e-mail, phone and password ask for the password again and are announced
to the old address and the phone, with a link to act if it was not the owner."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import PASSWORD
from accounts.tests.helpers import deliver_outbox, last_sms_code, link_in_last_mail, log_in_recently
from notifications import sms
from notifications.models import Notification

pytestmark = pytest.mark.django_db

EMAIL, PHONE_CHANGE = reverse("account_email"), reverse("accounts:phone_change")


def sms_to(phone):
    """Texts of the security SMS to `phone`: from the rows still queued, and from the phone (the memory
    SMS backend) for those delivered, since a sent row keeps no text (issue 12)."""
    queued = Notification.objects.filter(channel="sms", recipient=phone.as_e164, template="security_notice",
                                         status="queued").values_list("body", flat=True)
    return [*queued, *(message["text"] for message in sms.outbox if message["to"] == phone.as_e164)]


def notices_to(address):
    deliver_outbox()
    return [m for m in mail.outbox if address in m.to and "Безопасность учётной записи" in m.subject]


def test_adding_an_email_on_a_borrowed_session_asks_for_the_password(client, applicant):
    client.force_login(applicant)  # a session logged in long ago: no recent authentication recorded
    response = client.post(EMAIL, {"action_add": "", "email": "thief@example.org"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="thief@example.org").exists()
    assert client.post(reverse("account_reauthenticate"), {"password": "wrong-password-1"}).status_code == 200
    assert not EmailAddress.objects.filter(email="thief@example.org").exists()


def test_a_confirmed_email_change_is_announced_to_the_old_address_and_the_phone(client, applicant):
    log_in_recently(client, applicant)
    client.post(EMAIL, {"action_add": "", "email": "new@example.org"})
    client.post(link_in_last_mail("new@example.org", r"http://\S+"))
    assert EmailAddress.objects.get(user=applicant, primary=True).email == "new@example.org"
    [notice] = notices_to("applicant@example.ru")
    assert "applicant@example.ru на new@example.org" in notice.body
    assert "/accounts/password/reset/" in notice.body and "Если это были не вы" in notice.body
    assert any("Не вы?" in body for body in sms_to(applicant.phone))


def test_changing_the_phone_asks_for_the_password_and_tells_the_old_number(client, applicant):
    client.force_login(applicant)
    assert client.get(PHONE_CHANGE)["Location"].startswith(reverse("account_reauthenticate"))
    old = applicant.phone
    log_in_recently(client, applicant)
    client.post(PHONE_CHANGE, {"phone": "+7 903 111-22-33"})
    client.post(reverse("accounts:phone_confirm"), {"code": last_sms_code("+79031112233")})
    assert any("+7 903 111 22 33" in body or "+7 903 111-22-33" in body for body in sms_to(old))
    assert notices_to("applicant@example.ru")


def test_changing_the_password_is_announced(client, applicant):
    log_in_recently(client, applicant)
    client.post(reverse("account_change_password"),
                {"oldpassword": PASSWORD, "password1": "Novyj-Parol-2026", "password2": "Novyj-Parol-2026"})
    [notice] = notices_to("applicant@example.ru")
    assert "Пароль вашей учётной записи изменён" in notice.body
    assert sms_to(applicant.phone)


def test_turning_on_totp_asks_for_the_password(client, applicant):
    client.force_login(applicant)
    assert client.get(reverse("mfa_activate_totp"))["Location"].startswith(reverse("account_reauthenticate"))


def test_turning_on_totp_is_announced(client, applicant, django_capture_on_commit_callbacks):
    from allauth.mfa.models import Authenticator

    from accounts.tests.factories import totp_code

    log_in_recently(client, applicant)
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]
    with django_capture_on_commit_callbacks(execute=True):  # allauth announces it after commit
        response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=applicant, type=Authenticator.Type.TOTP).exists()
    [notice] = notices_to("applicant@example.ru")
    assert "включена двухфакторная аутентификация" in notice.body
