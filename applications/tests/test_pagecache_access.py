"""Issue 12 §6: every way a staff member's access can change closes their cached staff queue at once
(portal.pagecache; receivers in accounts/ and portal/cache_invalidation.py). Each case starts from a
queue served from the cache and checks what the very next request answers."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from accounts.roles import UTILITY_STAFF
from accounts.tests.factories import StaffFactory
from applications.tests.factories import submitted

pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:applications_application_changelist") + "?status__exact=submitted"
QUEUE_PERMISSIONS = ("view_application", "change_application")


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def _group():
    return Group.objects.get(name=UTILITY_STAFF)


def _queue_permissions():
    return Permission.objects.filter(content_type__app_label="applications", codename__in=QUEUE_PERMISSIONS)


# Each change takes the queue away (403 forbidden, or 302 to the login page).
CLOSING_CHANGES = {
    "group deleted": lambda staff, branch: _group().delete(),
    "group deleted with a queryset": lambda staff, branch: Group.objects.filter(name=UTILITY_STAFF).delete(),
    "permission removed from the group's side": lambda staff, branch: _group().permissions.remove(
        *_queue_permissions()),
    "group's permissions cleared": lambda staff, branch: _group().permissions.clear(),
    "group removed from the permission's side": lambda staff, branch: [
        permission.group_set.remove(_group()) for permission in _queue_permissions()],
    "permission deleted": lambda staff, branch: _queue_permissions().delete(),
    "user removed from the group on the user's side": lambda staff, branch: staff.groups.remove(_group()),
    "user's groups cleared": lambda staff, branch: staff.groups.clear(),
    "user removed on the group's side": lambda staff, branch: _group().user_set.remove(staff),
    "group's members cleared": lambda staff, branch: _group().user_set.clear(),
    "deactivated with QuerySet.update": lambda staff, branch: User.objects.filter(pk=staff.pk).update(
        is_active=False),
    "staff flag taken with QuerySet.update": lambda staff, branch: User.objects.filter(
        username=staff.username).update(is_staff=False),
    "deactivated with save": lambda staff, branch: _save_inactive(staff),
}


def _save_inactive(staff):
    user = User.objects.get(pk=staff.pk)
    user.is_active = False
    user.save()


def _delete_branch(branch):
    branch.applications.all().delete()
    branch.delete()


# Each change takes the branch away: the queue still opens but no longer lists its application.
BRANCH_CHANGES = {
    "removed from the branch's side": lambda staff, branch: branch.staff.remove(staff),
    "removed on the user's side": lambda staff, branch: staff.staff_branches.remove(branch),
    "branch's staff cleared": lambda staff, branch: branch.staff.clear(),
    "user's branches cleared": lambda staff, branch: staff.staff_branches.clear(),
    "branch deleted": lambda staff, branch: _delete_branch(branch),
}


def _cached_queue(client, django_assert_num_queries):
    application = submitted()
    staff = StaffFactory(username="queue-staff")
    staff.staff_branches.add(application.branch)
    client.force_login(staff)
    client.get(QUEUE)
    assert application.number in client.get(QUEUE).content.decode()
    # Served from the cache (so a stale answer is possible). The first visits of a session may still write
    # (the session's activity row, the second factor's "may pass" answer), so allow them to settle.
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            client.get(QUEUE)
        if not queries.captured_queries:
            break
    with django_assert_num_queries(0):
        client.get(QUEUE)
    return staff, application


@pytest.mark.parametrize("change", CLOSING_CHANGES.values(), ids=CLOSING_CHANGES.keys())
def test_a_change_of_access_closes_the_cached_queue(client, change, django_capture_on_commit_callbacks,
                                                     django_assert_num_queries):
    staff, application = _cached_queue(client, django_assert_num_queries)
    with django_capture_on_commit_callbacks(execute=True):
        change(staff, application.branch)
    assert client.get(QUEUE).status_code in (302, 403)


@pytest.mark.parametrize("change", BRANCH_CHANGES.values(), ids=BRANCH_CHANGES.keys())
def test_leaving_the_branch_takes_its_applications_from_the_cached_queue(
        client, change, django_capture_on_commit_callbacks, django_assert_num_queries):
    staff, application = _cached_queue(client, django_assert_num_queries)
    with django_capture_on_commit_callbacks(execute=True):
        change(staff, application.branch)
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert application.number not in response.content.decode()


def test_direct_permissions_taken_from_either_side_close_the_cached_queue(
        client, django_capture_on_commit_callbacks, django_assert_num_queries):
    staff, _application = _cached_queue(client, django_assert_num_queries)
    staff.groups.clear()
    staff.user_permissions.add(*_queue_permissions())
    client.get(QUEUE)
    assert client.get(QUEUE).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        for permission in _queue_permissions():
            permission.user_set.remove(staff)
    assert client.get(QUEUE).status_code == 403

