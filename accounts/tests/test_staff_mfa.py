"""Staff multi-factor authentication (issue 11): forced enrolment, the admin behind the portal's login
and the second factor, single-use recovery codes and TOTP codes."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts import roles
from accounts.tests.factories import PASSWORD, StaffFactory, UserFactory, totp_code
from portal import cache as resilient

pytestmark = pytest.mark.django_db

LOGIN, MFA_REQUIRED = reverse("account_login"), reverse("accounts:mfa_required")
MFA_AUTHENTICATE = reverse("mfa_authenticate")


def staff_without_mfa(kind):
    if kind == "superuser":
        return UserFactory(username="root", is_superuser=True, is_staff=True)
    if kind == "is_staff":
        return UserFactory(username="clerk", is_staff=True)
    user = UserFactory(username=f"member-{len(kind)}")
    user.groups.add(Group.objects.get(name=kind))
    return user


@pytest.mark.parametrize("kind", ["superuser", "is_staff", *roles.STAFF_GROUPS])
@pytest.mark.parametrize("page", ["/staff/", "/admin/", "/applications/", "/accounts/settings/"])
def test_staff_must_enrol_before_any_page(client, kind, page):
    client.force_login(staff_without_mfa(kind))
    response = client.get(page)
    assert response.status_code == 302 and response["Location"] == MFA_REQUIRED
    assert "второй фактор" in client.get(MFA_REQUIRED).content.decode()
    assert client.get(reverse("mfa_activate_totp")).status_code in (200, 302)


def test_applicants_are_not_forced(client, applicant):
    client.force_login(applicant)
    assert client.get("/applications/").status_code == 200
    assert client.get(MFA_REQUIRED)["Location"] == reverse("mfa_index")


def test_the_admin_login_page_is_the_portals_login(client, db):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN + "?next=")


def test_the_admin_is_not_reachable_without_the_second_factor(client, db):
    StaffFactory(username="boss", is_superuser=True)
    response = client.post(LOGIN + "?next=/admin/", {"login": "boss", "password": PASSWORD})
    assert response["Location"] == MFA_AUTHENTICATE
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/")["Location"].startswith(reverse("admin:login"))
    assert client.post(MFA_AUTHENTICATE, {"code": "000000" if totp_code() != "000000" else "111111"}).status_code == 200
    assert "_auth_user_id" not in client.session
    response = client.post(MFA_AUTHENTICATE, {"code": totp_code()})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_totp_code_is_not_accepted_twice(client, db):
    StaffFactory(username="boss")
    code = totp_code()
    client.post(LOGIN, {"login": "boss", "password": PASSWORD})
    assert client.post(MFA_AUTHENTICATE, {"code": code}).status_code == 302
    client.logout()
    client.post(LOGIN, {"login": "boss", "password": PASSWORD})
    response = client.post(MFA_AUTHENTICATE, {"code": code})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_a_recovery_code_works_once(client, db):
    user = StaffFactory(username="boss")
    codes = RecoveryCodes.activate(user).get_unused_codes()
    client.post(LOGIN, {"login": "boss", "password": PASSWORD})
    assert client.post(MFA_AUTHENTICATE, {"code": codes[0]}).status_code == 302
    client.logout()
    client.post(LOGIN, {"login": "boss", "password": PASSWORD})
    assert client.post(MFA_AUTHENTICATE, {"code": codes[0]}).status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.post(MFA_AUTHENTICATE, {"code": codes[1]}).status_code == 302


def test_per_ip_rate_limit_applies_to_the_admin_login(client, db, settings):
    """Issue 11 item 3: the admin's login is the portal's, with its per-IP limit (here 5 a minute)."""
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "5/m/ip"}
    StaffFactory(username="boss", is_superuser=True)
    answers = [client.post(LOGIN + "?next=/admin/", {"login": f"boss{n}", "password": "wrong-password-1"})
               for n in range(7)]
    limited = ["Слишком много неудачных попыток входа" in a.content.decode() for a in answers]
    assert limited[:5] == [False] * 5 and limited[-1]


def test_staff_cannot_remove_their_last_second_factor(client, db):
    from accounts.tests.helpers import log_in_recently

    user = StaffFactory(username="boss")
    client.force_login(user)
    log_in_recently(client, user)
    client.post(reverse("mfa_deactivate_totp"), {})
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def test_losing_the_factor_or_gaining_a_role_forces_enrolment_at_once(client, applicant):
    client.force_login(applicant)
    assert client.get("/applications/").status_code == 200
    applicant.groups.add(Group.objects.get(name=roles.MUNICIPAL_REVIEWERS))
    assert client.get("/applications/")["Location"] == MFA_REQUIRED
    resilient.reset_state()  # the next tests find Redis up again


def test_with_the_cache_down_the_rule_is_read_from_the_database(client, settings):
    """DESIGN: every request works when Redis is down; the enrolment check only loses its shortcut."""
    # The portal's own Redis cache, which reads as a miss when Redis is down (portal/cache.py).
    settings.CACHES = {"default": {"BACKEND": "portal.cache.ResilientRedisCache", "LOCATION": "redis://127.0.0.1:1/0",
                                   "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}}}
    resilient.reset_state()
    enrolled, unenrolled = StaffFactory(username="boss"), staff_without_mfa("is_staff")
    client.force_login(enrolled)
    assert client.get("/applications/").status_code == 200
    client.force_login(unenrolled)
    assert client.get("/applications/")["Location"] == MFA_REQUIRED
