"""Issue 11: every user sees their active sessions (device, IP, last seen) and ends the others; a
password change ends them too."""

import pytest
from allauth.usersessions.models import UserSession
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

SESSIONS = reverse("usersessions_list")


def browser(user_agent, ip):
    client = Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=ip)
    response = client.post(reverse("account_login"), {"login": "applicant", "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_sessions_are_listed_and_the_others_can_be_ended(applicant):
    home = browser("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", "10.0.0.1")
    stranger = browser("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0) Safari/604.1", "203.0.113.9")
    page = home.get(SESSIONS).content.decode()
    assert "203.0.113.9" in page and "10.0.0.1" in page
    assert "Firefox, Linux" in page and "Safari, iPhone" in page and "последняя активность" in page
    assert UserSession.objects.filter(user=applicant).count() == 2
    assert "Завершить все другие сеансы" in page
    home.post(SESSIONS)
    assert stranger.get(reverse("accounts:settings")).status_code == 302
    assert home.get(reverse("accounts:settings")).status_code == 200
    assert list(UserSession.objects.filter(user=applicant).values_list("ip", flat=True)) == ["10.0.0.1"]


def test_sessions_of_another_user_are_not_shown(applicant, other_applicant):
    browser("Mozilla/5.0 Firefox/140.0", "198.51.100.7")
    other = Client(REMOTE_ADDR="10.9.9.9")
    other.force_login(other_applicant)
    other.get(reverse("accounts:settings"))
    assert "198.51.100.7" not in other.get(SESSIONS).content.decode()


def test_changing_the_password_ends_the_other_sessions(applicant, django_capture_on_commit_callbacks):
    home = browser("Mozilla/5.0 Firefox/140.0", "10.0.0.1")
    stranger = browser("Mozilla/5.0 Safari/604.1", "203.0.113.9")
    home.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    # As the request's commit does in production: the cached copy of the user (Redis as the cache) goes.
    with django_capture_on_commit_callbacks(execute=True):
        response = home.post(reverse("account_change_password"), {
            "oldpassword": PASSWORD, "password1": "Novyj-Parol-2026", "password2": "Novyj-Parol-2026"})
    assert response.status_code == 302
    assert stranger.get(reverse("accounts:settings")).status_code == 302
    assert home.get(reverse("accounts:settings")).status_code == 200
