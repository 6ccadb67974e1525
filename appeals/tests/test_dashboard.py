import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from appeals.models import Appeal
from appeals.tests.factories import answered, registered
from portal.tests.factories import BranchFactory
from portal.tests.queries import query_counts

pytestmark = pytest.mark.django_db


def appeals_panel(response):
    return next(panel for panel in response.context["panels"] if panel["template"] == "appeals/dashboard_panel.html")


def test_the_dashboard_shows_queues_overdue_due_soon_and_links_to_the_answer_page(client, applicant, staff):
    branch = BranchFactory()
    branch.staff.add(staff)
    late, soon = registered(applicant, branch=branch), registered(applicant, branch=branch)
    answered(applicant, staff, branch=branch)
    registered(applicant, branch=BranchFactory(city="Курск", slug="kursk"))  # another branch: not counted
    today = timezone.localdate()
    Appeal.objects.filter(pk=late.pk).update(due_date=today - datetime.timedelta(days=1))
    Appeal.objects.filter(pk=soon.pk).update(due_date=today + datetime.timedelta(days=1))
    client.force_login(staff)
    response = client.get(reverse("staff_dashboard"))
    panel = appeals_panel(response)
    assert dict((status, count) for status, _label, count in panel["queues"]) == {
        "accepted": 2, "processed": 0, "answered": 1}
    assert ([appeal.pk for appeal in panel["overdue"]], [appeal.pk for appeal in panel["due_soon"]]) == (
        [late.pk], [soon.pk])
    assert (panel["overdue_count"], panel["due_soon_count"]) == (1, 1)
    page = response.content.decode()
    assert reverse("appeals:staff_work", args=[late.pk]) in page and 'class="is-overdue"' in page
    assert page.count('class="text-nowrap due-soon"') == 1 and page.count('class="text-nowrap overdue"') == 1


def test_the_appeals_panel_makes_two_queries(rf, applicant, staff):
    """Counts by branch and status in one query, the open list in another (issue 18)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from appeals.dashboard import appeals_panel as panel_of

    for city in ("Курск", "Орёл"):
        branch = BranchFactory(city=city, slug=city.lower())
        branch.staff.add(staff)
        registered(applicant, branch=branch)
    request = rf.get("/staff/")
    request.user = staff
    panel_of(request)  # permissions and branches of the user, read once per request
    with CaptureQueriesContext(connection) as queries:
        panel = panel_of(request)
    assert len(queries) == 2
    assert [(row["city"], row["accepted"]) for row in panel["by_branch"]] == [("Курск", 1), ("Орёл", 1)]


def test_the_dashboard_query_count_does_not_grow_with_rows(client, applicant, staff, settings):
    # Sessions in the database whatever the environment: the cache is emptied before each count.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    branch = BranchFactory()
    branch.staff.add(staff)
    registered(applicant, branch=branch)
    client.force_login(staff)
    # The applications panel caches its summary for a minute: clear it so both requests compute.
    few, many = query_counts(client, reverse("staff_dashboard"), lambda: registered(applicant, branch=branch),
                             reset=cache.clear)
    assert many == few


def test_reviewers_without_the_permission_get_no_appeals_panel(client, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("staff_dashboard"))
    assert all(panel["template"] != "appeals/dashboard_panel.html" for panel in response.context["panels"])


@pytest.mark.parametrize("sees_all", [False, True])
def test_the_panels_sql_captured_once_reads_what_the_querysets_read(rf, applicant, staff, sees_all):
    """The counts and the open list read with SQL captured once per process per number of branches
    (portal.prepared_sql) against the querysets they stand for, for one and two branches and all."""
    from django.contrib.auth.models import Permission
    from django.db.models import Count, Q

    from appeals.choices import OPEN_STATUSES
    from appeals.dashboard import LIST_LIMIT
    from appeals.dashboard import appeals_panel as panel_of

    branches = [BranchFactory(city=city, slug=slug) for city, slug in (("Курск", "kursk"), ("Орёл", "orel"))]
    today = timezone.localdate()
    for days, branch in enumerate(branches * 3):
        appeal = registered(applicant, branch=branch)
        Appeal.objects.filter(pk=appeal.pk).update(due_date=today + datetime.timedelta(days=days - 2))
    answered(applicant, staff, branch=branches[1])
    if sees_all:
        staff.user_permissions.add(Permission.objects.get(codename="view_all_branches",
                                                          content_type__app_label="appeals"))
    for shown in (branches[:1], branches):
        for branch in shown:
            branch.staff.add(staff)
        request = rf.get("/staff/")
        request.user = type(staff).objects.get(pk=staff.pk)
        panel = panel_of(request)
        visible = Appeal.objects.for_staff(request.user)
        waiting = list(visible.open().order_by("due_date", "pk")[:LIST_LIMIT])
        assert [(a.pk, a.number, a.status, a.due_date, a.branch.city, a.topic.name, a.get_status_display())
                for a in panel["open"]] == [
            (a.pk, a.number, a.status, a.due_date, a.branch.city, a.topic.name, a.get_status_display())
            for a in waiting]
        soon = today + datetime.timedelta(days=3)
        open_ = Q(status__in=OPEN_STATUSES)
        expected = visible.aggregate(overdue=Count("pk", filter=open_ & Q(due_date__lt=today)),
                                     due_soon=Count("pk", filter=open_ & Q(due_date__gte=today, due_date__lte=soon)))
        assert (panel["overdue_count"], panel["due_soon_count"]) == (expected["overdue"], expected["due_soon"])
        assert dict((status, count) for status, _label, count in panel["queues"]) == {
            status: visible.filter(status=status).count() for status in ("accepted", "processed", "answered")}
        assert panel["overdue_count"] and panel["due_soon_count"]
