"""Issue 11 item 1: a login that looks like an e-mail address must not take over anybody's account."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import PASSWORD, ApplicantFactory
from accounts.tests.helpers import deliver_outbox
from accounts.tests.test_signup import signup_data

pytestmark = pytest.mark.django_db

LOGIN, RESET = reverse("account_login"), reverse("account_reset_password")


def log_in(client, login, password=PASSWORD):
    return client.post(LOGIN, {"login": login, "password": password})


def mail_to(address):
    deliver_outbox()
    return [message for message in mail.outbox if address in message.to]


def legacy_user(username, email):
    """An account registered before the rule (a login with "@"), as the issue found them."""
    user = ApplicantFactory(username="placeholder-" + username.split("@")[0], email=email)
    User.objects.filter(pk=user.pk).update(username=username)
    user.refresh_from_db()
    return user


@pytest.mark.parametrize("login", ["ann@other-person.example", "a@b", "@ann"])
def test_registration_refuses_a_login_with_at(client, db, login):
    response = client.post(reverse("account_signup"), signup_data(username=login))
    assert response.status_code == 200
    assert "Логин не может содержать «@»" in response.content.decode()
    assert not User.objects.filter(username=login).exists()


def test_a_login_like_an_address_neither_logs_in_nor_attaches_the_address(client, db):
    ann = legacy_user("ann@other-person.example", "ann.real@example.org")
    response = log_in(client, "ann@other-person.example")
    assert "_auth_user_id" not in client.session and response.status_code == 200
    assert list(EmailAddress.objects.filter(user=ann).values_list("email", flat=True)) == ["ann.real@example.org"]
    assert mail_to("ann@other-person.example") == []


def test_a_reset_for_such_a_login_sends_no_link_to_the_other_mailbox(client, db):
    legacy_user("ann@other-person.example", "ann.real@example.org")
    log_in(client, "ann@other-person.example")  # as the attacker does first: it used to attach the address
    client.logout()
    client.post(RESET, {"email": "ann@other-person.example"})
    assert all("password/reset/key" not in message.body for message in mail_to("ann@other-person.example"))
    assert mail_to("ann.real@example.org") == []


def test_a_login_equal_to_another_users_address_does_not_attach_it(client, db):
    victim = ApplicantFactory(username="victim", email="victim@example.org")
    impostor = legacy_user("victim@example.org", "impostor@example.org")
    impostor.set_password("Impostor-Parol-99")
    impostor.save()
    log_in(client, "victim@example.org", "Impostor-Parol-99")
    assert "_auth_user_id" not in client.session
    assert not EmailAddress.objects.filter(user=impostor, email="victim@example.org").exists()
    assert mail_to("victim@example.org") == []
    assert log_in(client, "victim@example.org").status_code == 302  # the owner, with the owner's password
    assert client.session["_auth_user_id"] == str(victim.pk)


def test_an_unverified_address_neither_logs_in_nor_gets_a_reset_link(client, db):
    user = ApplicantFactory(username="fresh", email="fresh@example.org")
    EmailAddress.objects.filter(user=user).update(verified=False)
    log_in(client, "fresh@example.org")
    assert "_auth_user_id" not in client.session
    client.post(RESET, {"email": "fresh@example.org"})
    client.post(RESET, {"email": "fresh"})
    assert all("password/reset/key" not in message.body for message in mail_to("fresh@example.org"))


def test_a_verified_address_and_the_login_both_log_in(client, applicant):
    assert log_in(client, "APPLICANT@example.ru").status_code == 302
    client.logout()
    assert log_in(client, "applicant").status_code == 302
    assert EmailAddress.objects.filter(user=applicant).count() == 1


def test_logging_in_by_login_adds_no_address(client, db):
    user = ApplicantFactory(username="plain", email="plain@example.org")
    log_in(client, "plain")
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == ["plain@example.org"]


def test_the_database_check_lists_logins_with_at(db):
    from accounts.checks import logins_with_at

    assert logins_with_at(databases=["default"]) == []
    legacy_user("ann@other-person.example", "ann.real@example.org")
    [warning] = logins_with_at(databases=["default"])
    assert warning.id == "accounts.W011" and "ann@other-person.example" in warning.msg


def test_migrating_an_empty_database_runs_the_login_check_without_failing(tmp_path):
    """`make run` on a fresh machine: `migrate` runs the database checks before any table exists."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    result = subprocess.run([sys.executable, "manage.py", "migrate", "--noinput"], cwd=root, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
