"""The logged-in user is read with its groups and branches in one query, and its permissions in one
more (issue 18: what every page and every staff page asks, in fewer round trips)."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.backends import PER_REQUEST_ATTRIBUTES, LockoutAuthenticationBackend, cached_user_key
from accounts.models import User
from accounts.roles import FRONT_OFFICE, UTILITY_STAFF, group_names, is_staff_member
from accounts.tests.factories import UserFactory
from portal.models import staff_branch_ids
from portal.tests.factories import BranchFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=UTILITY_STAFF), Group.objects.get(name=FRONT_OFFICE))
    for city in ("Белгород", "Старый Оскол"):
        BranchFactory(city=city).staff.add(user)
    return user


def _load(user_id):
    with CaptureQueriesContext(connection) as queries:
        user = LockoutAuthenticationBackend().get_user(user_id)
        roles = (group_names(user), sorted(staff_branch_ids(user)), is_staff_member(user))
    return user, roles, len(queries)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the arrays are PostgreSQL's")
def test_the_user_comes_with_its_groups_and_branches_in_one_query(staff):
    user, (names, branch_ids, is_staff), queries = _load(staff.pk)
    assert user == staff and queries == 1
    assert names == {UTILITY_STAFF, FRONT_OFFICE} and is_staff
    assert branch_ids == sorted(staff.staff_branches.values_list("pk", flat=True)) and len(branch_ids) == 2


def test_a_user_without_groups_or_branches_gets_empty_ones_and_an_inactive_user_none(staff):
    applicant = UserFactory()
    user, (names, branch_ids, is_staff), queries = _load(applicant.pk)
    assert user == applicant and names == frozenset() and branch_ids == [] and not is_staff
    assert queries <= 3  # one on PostgreSQL; the row, the groups and the branches elsewhere
    User.objects.filter(pk=staff.pk).update(is_active=False)
    assert LockoutAuthenticationBackend().get_user(staff.pk) is None


def test_a_change_of_groups_shows_in_the_next_request(staff):
    staff.groups.remove(Group.objects.get(name=UTILITY_STAFF))
    _, (names, _, _), _ = _load(staff.pk)
    assert names == {FRONT_OFFICE}


def test_the_shared_cache_keeps_the_user_without_what_is_read_per_request(settings, staff):
    """Leaving a branch drops cached pages, not the cached user: a copy holding the branch ids would
    keep showing the old branch's applications (portal.cache_invalidation)."""
    settings.PAGE_CACHE_ENABLED = True
    first, (names, branch_ids, _), _ = _load(staff.pk)
    assert names and branch_ids
    cached = cache.get(cached_user_key(staff.pk))
    assert cached == staff and not set(PER_REQUEST_ATTRIBUTES) & set(cached.__dict__)
    staff.staff_branches.first().staff.remove(staff)
    again, (_, branch_ids_now, _), _ = _load(staff.pk)
    assert len(branch_ids_now) == 1


def test_the_permissions_are_django_s_own_in_one_query(staff):
    staff.user_permissions.add(Permission.objects.get(codename="view_user"))
    Group.objects.get(name=UTILITY_STAFF).permissions.add(Permission.objects.get(codename="change_group"))
    expected = ModelBackend().get_all_permissions(User.objects.get(pk=staff.pk))
    user = User.objects.get(pk=staff.pk)
    with CaptureQueriesContext(connection) as queries:
        permissions = LockoutAuthenticationBackend().get_all_permissions(user)
        assert user.has_perm("accounts.view_user") and user.has_perm("auth.change_group")
    assert permissions == expected and {"accounts.view_user", "auth.change_group"} <= permissions
    assert len(queries) == 1
    assert not user.has_perm("auth.delete_group")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the arrays are PostgreSQL's")
def test_the_compiled_query_builds_the_instance_the_orm_builds():
    from accounts.tests.factories import ApplicantFactory

    applicant = ApplicantFactory()
    user = LockoutAuthenticationBackend().get_user(applicant.pk)
    expected = User.objects.get(pk=applicant.pk)
    for field in User._meta.concrete_fields:
        loaded, orm = getattr(user, field.attname), getattr(expected, field.attname)
        assert loaded == orm and type(loaded) is type(orm), field.name  # e.g. the phone as a PhoneNumber
    assert user._state.db == "default" and not user._state.adding
    assert LockoutAuthenticationBackend().get_user(applicant.pk + 1000) is None
