import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.helpers import deliver_outbox, link_in_last_mail

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


def test_an_empty_form_gets_a_message(client, db):
    response = client.post(RESET, {"email": ""})
    assert response.status_code == 200
    assert "Введите логин или адрес электронной почты" in response.content.decode()


@pytest.mark.parametrize("known,unknown", [("applicant", "nobody"), ("applicant@example.ru", "nobody@example.ru")])
def test_known_and_unknown_identifiers_get_the_same_answer(client, applicant, known, unknown):
    """Issue 11 item 7: the reset form must not tell which logins and addresses have accounts."""
    answers = [client.post(RESET, {"email": typed}) for typed in (known, unknown)]
    assert [a.status_code for a in answers] == [302, 302]
    assert answers[0]["Location"] == answers[1]["Location"]
    done = [client.get(a["Location"]).content.decode() for a in answers]
    assert done[0] == done[1]


def test_an_unknown_login_sends_nothing(client, applicant):
    client.post(RESET, {"email": "nobody"})
    deliver_outbox()
    assert mail.outbox == []
