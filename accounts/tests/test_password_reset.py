import pytest
from django.urls import reverse

from accounts.tests.helpers import link_in_last_mail

pytestmark = pytest.mark.django_db

RESET = reverse("account_reset_password")


@pytest.mark.parametrize("typed", ["applicant", "applicant@example.ru"])
def test_a_reset_link_is_sent_for_a_login_or_an_email(client, applicant, typed):
    response = client.post(RESET, {"email": typed})
    assert response.status_code == 302
    link = link_in_last_mail("applicant@example.ru", r"http://\S+/password/reset/key/\S+")
    form_page = client.get(link, follow=True)
    response = client.post(form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
                           {"password1": "Svezhij-Parol-42", "password2": "Svezhij-Parol-42"})
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.check_password("Svezhij-Parol-42")


def test_a_used_reset_link_is_refused(client, applicant):
    client.post(RESET, {"email": "applicant"})
    link = link_in_last_mail("applicant@example.ru", r"http://\S+/password/reset/key/\S+")
    page = client.get(link, follow=True)
    target = page.redirect_chain[-1][0] if page.redirect_chain else link
    client.post(target, {"password1": "Svezhij-Parol-42", "password2": "Svezhij-Parol-42"})
    again = client.get(link, follow=True)
    assert "устарела или уже была использована" in again.content.decode()


@pytest.mark.parametrize("typed,message", [("nobody", "не найдена"), ("", "бязательн")])
def test_unknown_logins_get_a_message(client, db, typed, message):
    response = client.post(RESET, {"email": typed})
    assert response.status_code == 200
    assert message in response.content.decode()
