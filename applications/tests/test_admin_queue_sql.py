"""The queue's kept SQL (applications.admin_queue_sql) against Django's own ChangeList.get_results:
the same statements, the same instances and paging, for every user's branches, in any order."""

import datetime

import pytest
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import StaffFactory
from applications import admin_queue_sql
from applications.models import Application
from applications.tests.factories import submitted
from portal.tests.factories import BranchFactory

pytestmark = pytest.mark.django_db

URL = "admin:applications_application_changelist"
# What ChangeList.get_results sets.
ATTRIBUTES = ("result_count", "full_result_count", "show_full_result_count", "show_admin_actions", "can_show_all",
              "multi_page")


@pytest.fixture
def queue(applicant, monkeypatch, settings):
    """Two branches with a staff member each and five applications, two pages of two rows."""
    from django.contrib import admin

    settings.PAGE_CACHE_ENABLED = False
    monkeypatch.setattr(admin.site._registry[Application], "list_per_page", 2)
    monkeypatch.setattr(admin_queue_sql, "_kept", {})
    first, second = BranchFactory(city="Белгород", slug="bel"), BranchFactory(city="Курск", slug="kursk")
    staff_first, staff_second = StaffFactory(username="first"), StaffFactory(username="second")
    first.staff.add(staff_first)
    second.staff.add(staff_second)
    rows = [submitted(applicant, branch=first) for _ in range(3)] + [submitted(applicant, branch=second)
                                                                      for _ in range(2)]
    rows[0].take_into_review(actor=staff_first)
    Application.objects.filter(pk=rows[0].pk).update(due_date=timezone.localdate() - datetime.timedelta(days=2))
    return first, second, staff_first, staff_second


def _instances(rows):
    def state(instance):
        values = {name: value for name, value in vars(instance).items() if name != "_state"}
        return type(instance), values, instance.get_deferred_fields(), instance._state.db

    return [(state(row), state(row.branch)) for row in rows]


def _compare_with_django(client, user, query):
    """The queue's response for `query` and Django's get_results run again on its changelist: the
    same attributes, rows and statements. Returns the primary keys shown."""
    client.force_login(user)
    with CaptureQueriesContext(connection) as sent:
        response = client.get(reverse(URL), query)
    assert response.status_code == 200
    cl = response.context["cl"]
    kept = {name: getattr(cl, name) for name in ATTRIBUTES}
    kept_rows, kept_pages = _instances(cl.result_list), (cl.paginator.count, cl.paginator.num_pages)
    with CaptureQueriesContext(connection) as django_sent:
        ChangeList.get_results(cl, response.wsgi_request)
        django_rows = _instances(cl.result_list)
    assert kept == {name: getattr(cl, name) for name in ATTRIBUTES}
    assert kept_rows == django_rows and kept_pages == (cl.paginator.count, cl.paginator.num_pages)
    statements = [query["sql"] for query in sent.captured_queries]
    django_statements = [query["sql"] for query in django_sent.captured_queries]
    assert len(django_statements) == 2  # the count and the page
    assert any(statements[index:index + 2] == django_statements for index in range(len(statements)))
    return [row.pk for row in cl.result_list]


def test_the_kept_queue_sends_djangos_statements_and_builds_its_instances(client, queue):
    first, second, staff_first, staff_second = queue
    manager = StaffFactory(username="manager")
    manager.user_permissions.add(Permission.objects.get(codename="view_all_branches",
                                                        content_type__app_label="applications"))
    queries = ({}, {"status__exact": "submitted"}, {"p": "2"}, {"o": "-2", "p": "2"}, {"deadline": "overdue"},
               {"all": ""}, {"branch__id__exact": str(first.pk)}, {"kind__exact": "tu", "o": "8"})
    visible = {staff_first: set(first.applications.values_list("pk", flat=True)),
               staff_second: set(second.applications.values_list("pk", flat=True)),
               manager: set(Application.objects.values_list("pk", flat=True))}
    for user in (staff_first, staff_second, manager, staff_first):  # each after another, the SQL kept
        for query in queries:
            assert set(_compare_with_django(client, user, query)) <= visible[user]
    assert len(admin_queue_sql._kept) > len(queries) * 3  # kept (a count and pages per query and scope)
    assert set(_compare_with_django(client, manager, {"all": ""})) == visible[manager]


def test_the_kept_queue_follows_the_staff_members_branches_and_permissions(client, queue):
    """A branch added or the permission to see every branch shows at the next visit: the branches
    are the key, as they are what the queryset is scoped by."""
    first, second, staff_first, _ = queue
    own = set(first.applications.values_list("pk", flat=True))
    assert set(_compare_with_django(client, staff_first, {"all": ""})) == own
    second.staff.add(staff_first)
    everything = set(Application.objects.values_list("pk", flat=True))
    assert set(_compare_with_django(client, staff_first, {"all": ""})) == everything
    second.staff.remove(staff_first)
    assert set(_compare_with_django(client, staff_first, {"all": ""})) == own
    staff_first.user_permissions.add(Permission.objects.get(codename="view_all_branches",
                                                            content_type__app_label="applications"))
    assert set(_compare_with_django(client, staff_first, {"all": ""})) == everything


def test_other_query_strings_take_djangos_path(client, queue, monkeypatch):
    """A search, the "soon" deadline (the production calendar), an unknown parameter: not kept."""
    _, _, staff_first, _ = queue
    application = Application.objects.filter(branch__staff=staff_first).first()
    client.force_login(staff_first)
    for query in ({"q": application.number}, {"deadline": "soon"}, {"deadline": "overdue", "q": "x"},
                  {"_facets": "True"}):
        response = client.get(reverse(URL), query)
        assert response.status_code == 200
    assert admin_queue_sql._kept == {}
    assert [row.pk for row in response.context["cl"].result_list]


def test_a_page_past_the_last_is_djangos_error_redirect(client, queue):
    _, _, staff_first, _ = queue
    client.force_login(staff_first)
    response = client.get(reverse(URL), {"p": "9"})
    assert response.status_code == 302 and response.url.endswith("?e=1")


def test_the_kept_overdue_filter_follows_the_day(client, queue, monkeypatch):
    _, _, staff_first, _ = queue
    assert len(_compare_with_django(client, staff_first, {"deadline": "overdue"})) == 1
    earlier = timezone.localdate() - datetime.timedelta(days=3)
    monkeypatch.setattr(timezone, "localdate", lambda *args: earlier)  # before the deadline passed
    assert _compare_with_django(client, staff_first, {"deadline": "overdue"}) == []


def test_the_kept_pages_follow_the_number_of_rows(client, applicant, queue):
    """One page, then two; a last page of one row, then of two: each slice has its own statement."""
    _, second, _, staff_second = queue
    assert len(_compare_with_django(client, staff_second, {"status__exact": "submitted"})) == 2
    submitted(applicant, branch=second)
    assert len(_compare_with_django(client, staff_second, {"status__exact": "submitted"})) == 2
    assert len(_compare_with_django(client, staff_second, {"status__exact": "submitted", "p": "2"})) == 1
    submitted(applicant, branch=second)
    assert len(_compare_with_django(client, staff_second, {"status__exact": "submitted", "p": "2"})) == 2
