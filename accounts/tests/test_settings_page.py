import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.tests.factories import PASSWORD
from accounts.tests.helpers import link_in_last_mail, log_in_recently

pytestmark = pytest.mark.django_db


def test_settings_show_masked_password_email_and_phone(client, applicant):
    client.force_login(applicant)
    page = client.get(reverse("accounts:settings")).content.decode()
    assert "••••" in page and PASSWORD not in page
    assert applicant.email in page and "+7 912" in page
    assert page.count(">Изменить<") == 3
    assert reverse("mfa_index") in page and reverse("usersessions_list") in page


def test_settings_need_login(client, db):
    assert client.get(reverse("accounts:settings")).status_code == 302


def test_changing_the_password_needs_the_current_one(client, applicant):
    client.force_login(applicant)
    url = reverse("account_change_password")
    response = client.post(url, {"oldpassword": "wrong", "password1": "Novyj-Parol-2026",
                                 "password2": "Novyj-Parol-2026"})
    assert response.status_code == 200 and response.context["form"].errors["oldpassword"]
    response = client.post(url, {"oldpassword": PASSWORD, "password1": "Novyj-Parol-2026",
                                 "password2": "Novyj-Parol-2027"})
    assert response.context["form"].errors["password2"]
    client.post(url, {"oldpassword": PASSWORD, "password1": "Novyj-Parol-2026", "password2": "Novyj-Parol-2026"})
    applicant.refresh_from_db()
    assert applicant.check_password("Novyj-Parol-2026")


def test_a_new_email_is_used_only_after_confirmation_from_it(client, applicant):
    log_in_recently(client, applicant)
    client.post(reverse("account_email"), {"action_add": "", "email": "new@example.ru"})
    applicant.refresh_from_db()
    assert applicant.email == "applicant@example.ru"
    link = link_in_last_mail("new@example.ru", r"http://\S+")
    client.post(link)
    applicant.refresh_from_db()
    assert applicant.email == "new@example.ru"
    assert EmailAddress.objects.get(user=applicant, primary=True).email == "new@example.ru"


@pytest.mark.parametrize("email,message", [("not-an-email", "адрес электронной почты"), ("", "бязательн")])
def test_a_bad_new_email_gets_a_message(client, applicant, email, message):
    client.force_login(applicant)
    response = client.post(reverse("account_email"), {"action_add": "", "email": email})
    assert message in response.content.decode()


def test_a_taken_email_is_refused(client, applicant, other_applicant):
    client.force_login(applicant)
    response = client.post(reverse("account_email"), {"action_add": "", "email": other_applicant.email})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
