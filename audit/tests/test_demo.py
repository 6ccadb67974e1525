import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import enrol_totp, totp_code
from portal.management.commands.load_demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_security_officer_who_opens_the_audit(client, capsys):
    call_command("load_demo")
    call_command("load_demo")  # idempotent
    assert "officer" in capsys.readouterr().out
    assert client.post(reverse("account_login"), {"login": "officer", "password": DEMO_PASSWORD}).status_code == 302
    # The officer reads everyone's personal data: like all staff, a second factor first (issue 11).
    enrol_totp(User.objects.get(username="officer"))
    client.logout()
    client.post(reverse("account_login"), {"login": "officer", "password": DEMO_PASSWORD})
    assert client.post(reverse("mfa_authenticate"), {"code": totp_code()}).status_code == 302
    home = client.get("/").content.decode()
    assert f'href="{reverse("audit:log")}"' in home
    assert client.get(reverse("audit:log")).status_code == 200
