"""The page header written in Python (accounts.header, issue 18) is the header templates/layout.html
rendered before: the former template below is the oracle, for every kind of user and menu item."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.backends.db import SessionStore
from django.template import engines
from django.test import RequestFactory

from accounts.models import User
from accounts.roles import FRONT_OFFICE, UTILITY_STAFF
from accounts.tests.factories import ApplicantFactory, EntrepreneurFactory, LegalApplicantFactory, UserFactory

pytestmark = pytest.mark.django_db

# templates/layout.html's header before it was written in Python.
FORMER_HEADER = (Path(__file__).parent / "former_layout_header.html").read_text()
NEW_HEADER = "{% load accounts_tags %}{% portal_header %}"


def normalised(html):
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken" value=""', html)
    return re.sub(r"\s+", " ", html).replace("> <", "><").replace(" >", ">").strip()


def render(source, user, nav, session):
    request = RequestFactory().get("/")
    request.user, request.session = user, session
    return engines["django"].from_string(source).render({"nav": nav}, request)


def _users():
    from django.contrib.auth.models import AnonymousUser

    staff = UserFactory(username="staff", is_staff=True, full_name="Сидорова <Анна>")
    staff.groups.add(Group.objects.get(name=UTILITY_STAFF))
    auditor = UserFactory(username="auditor", is_staff=True)
    auditor.user_permissions.add(Permission.objects.get(codename="view_audit"))
    operator = UserFactory(username="operator")
    operator.groups.add(Group.objects.get(name=FRONT_OFFICE))
    return {
        "anonymous": AnonymousUser(),
        "individual": ApplicantFactory(username="individual"),
        "legal": LegalApplicantFactory(username="legal"),
        "entrepreneur": EntrepreneurFactory(username="entrepreneur"),
        "staff": staff, "auditor": auditor, "operator": operator,
        "superuser": UserFactory(username="root", is_staff=True, is_superuser=True),
        "no role": UserFactory(username="plain", applicant_type=""),
    }


NAVS = (None, "applications", "appeals", "agreement", "addresses", "passports", "settings", "documents", "signing",
        "audit", "staff")


def test_the_header_is_the_former_template_s_for_every_user_and_menu_item():
    users = _users()
    for who, user in users.items():
        user = user if who == "anonymous" else User.objects.get(pk=user.pk)  # no cached groups or permissions
        for nav in NAVS:
            session = SessionStore()
            former, new = render(FORMER_HEADER, user, nav, session), render(NEW_HEADER, user, nav, session)
            assert normalised(new) == normalised(former), (who, nav)
    assert "&lt;Анна&gt;" in render(NEW_HEADER, users["staff"], None, SessionStore())
