"""Issue 11 item 6: a refused form (out-of-date CSRF token) gets a Russian page in the portal's layout
that explains what happened and links back to the form; Django's English page never shows."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

FORM = reverse("appeals:new")


def refused(user, referer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client.post(FORM, {"text": "Длинный текст обращения"}, HTTP_REFERER=referer)


def test_a_stale_form_gets_the_portal_page_in_russian(applicant):
    response = refused(applicant, f"http://testserver{FORM}")
    page = response.content.decode()
    assert response.status_code == 403 and "no-store" in response["Cache-Control"]
    assert "Страница устарела: ничего не отправлено" in page and "Вернуться к форме" in page
    assert f'href="http://testserver{FORM}"' in page
    assert "DEBUG" not in page and "CSRF" not in page and "Forbidden" not in page
    assert applicant.display_name in page  # the portal's own layout, with the user's menu


def test_a_foreign_referer_is_not_offered_as_the_way_back(applicant):
    page = refused(applicant, "https://evil.example/phish").content.decode()
    assert "evil.example" not in page and "Вернуться к форме" not in page


def test_the_login_form_refused_for_an_anonymous_visitor_offers_the_login(db):
    client = Client(enforce_csrf_checks=True)
    page = client.post(reverse("account_login"), {"login": "x", "password": "y"}).content.decode()
    assert "Страница устарела" in page and reverse("account_login") in page
