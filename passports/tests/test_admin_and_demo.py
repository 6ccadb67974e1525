import io

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from passports.demo import load_demo_passport
from passports.models import Passport
from passports.tests import factories

pytestmark = pytest.mark.django_db


def test_the_admin_lists_and_shows_a_passport_read_only(admin_client, org, reviewer):
    passport = factories.accepted_passport(org, reviewer)
    assert passport.number in admin_client.get(reverse("admin:passports_passport_changelist")).content.decode()
    page = admin_client.get(reverse("admin:passports_passport_change", args=[passport.pk])).content.decode()
    assert passport.manager_inn in page and 'name="_save"' not in page


def test_the_demo_loader_does_nothing_without_the_org_user(db):
    load_demo_passport({}, io.StringIO())
    assert not Passport.objects.exists()


def test_the_demo_loader_makes_one_draft_for_the_first_served_building(org):
    org.username = "org"
    org.save()
    factories.served(org)
    load_demo_passport({"org": org}, io.StringIO())
    load_demo_passport({"org": org}, io.StringIO())  # idempotent
    assert Passport.objects.get().status == "draft"


def test_the_demo_loader_needs_a_served_building(db):
    UserFactory(username="org")
    load_demo_passport({}, io.StringIO())
    assert not Passport.objects.exists()
