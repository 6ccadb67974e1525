"""The acceptance e-mail's link sets the password once; then the organisation logs in with its login."""

import re

import pytest

from agreements.tests.factories import accepted
from notifications.models import Notification

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Zeljonyj-Kvadrat-2026"


def link_path(agreement):
    body = Notification.objects.get(template="agreement_accepted").body
    return re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", body).group(1)


def set_password(client, path):
    form_page = client.get(path, follow=True)
    if form_page.context.get("token_fail"):
        return False
    response = client.post(form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
                           {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return True


def test_the_link_sets_the_password_once_and_the_organisation_logs_in(client, reviewer):
    agreement = accepted(reviewer)
    path = link_path(agreement)
    assert set_password(client, path)
    user = agreement.organisation
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    client.logout()
    assert not set_password(client, path)  # the token hashed the old password: it is spent
    response = client.post("/accounts/login/", {"login": user.username, "password": NEW_PASSWORD}, follow=True)
    assert response.context["user"].is_authenticated
    assert "Сидоров Сидор" in response.content.decode()


def test_the_link_expires_after_72_hours(client, reviewer, settings, monkeypatch):
    assert settings.PASSWORD_RESET_TIMEOUT == 72 * 3600
    agreement = accepted(reviewer)
    path = link_path(agreement)
    import time

    later = time.time() + 72 * 3600 + 60
    monkeypatch.setattr("django.contrib.auth.tokens.PasswordResetTokenGenerator._now",
                        lambda self: __import__("datetime").datetime.fromtimestamp(later))
    assert not set_password(client, path)
