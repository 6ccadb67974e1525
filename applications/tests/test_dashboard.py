import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from applications.models import Application
from applications.tests.factories import submitted
from portal.tests.factories import BranchFactory
from portal.tests.queries import query_counts

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_queues_overdue_and_the_monthly_chart(client, applicant, staff):
    BranchFactory().staff.add(staff)
    late = submitted(applicant)
    Application.objects.filter(pk=late.pk).update(due_date=datetime.date(2026, 1, 12))
    submitted(applicant)
    client.force_login(staff)
    response = client.get(reverse("staff_dashboard"))
    page = response.content.decode()
    panel = response.context["panels"][0]
    assert dict((status, count) for status, _label, count in panel["queues"])["submitted"] == 2
    assert [row["pk"] for row in panel["overdue"]] == [late.pk]
    assert sum(row["total"] for row in panel["chart"]) == 2
    assert "Просрочено" in page and late.number in page


def test_the_dashboard_query_count_does_not_grow_with_rows(client, applicant, staff, settings):
    # Sessions in the database whatever the environment: the cache is cleared below.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    BranchFactory().staff.add(staff)
    submitted(applicant)
    client.force_login(staff)
    # The summary is cached for a minute; clear it so both requests compute it from the rows.
    few, many = query_counts(client, reverse("staff_dashboard"), lambda: submitted(applicant), reset=cache.clear)
    assert many == few


def test_applicants_cannot_open_the_dashboard(client, applicant):
    client.force_login(applicant)
    assert client.get(reverse("staff_dashboard")).status_code == 302


@pytest.mark.parametrize(("today", "first"), [
    (datetime.date(2026, 3, 1), datetime.date(2025, 4, 1)),
    (datetime.date(2026, 1, 31), datetime.date(2025, 2, 1)),
    (datetime.date(2026, 12, 31), datetime.date(2026, 1, 1)),
    (datetime.date(2027, 2, 28), datetime.date(2026, 3, 1)),
])
def test_the_chart_covers_exactly_twelve_months_ending_with_this_one(today, first):
    from applications.dashboard import monthly_chart

    chart = monthly_chart(Application.objects.none(), today)
    assert len(chart) == 12
    assert (chart[0]["month"], chart[-1]["month"]) == (first, today.replace(day=1))


def test_months_without_applications_are_charted_as_zero(applicant):
    from applications.dashboard import monthly_chart

    application = submitted(applicant)
    # The local date (Europe/Moscow), as the dashboard's: from 21:00 UTC on a month's last day the UTC
    # date is still the old month's, and the application's month is the new one.
    today = timezone.localdate(application.submitted_at)
    chart = monthly_chart(Application.objects.all(), today)
    assert [row["total"] for row in chart] == [0] * 11 + [1]
    assert chart[0]["segments"] == []

def test_the_deadline_rows_and_the_kept_chart_are_rendered(client, applicant, staff):
    from django.utils import formats, timezone

    BranchFactory().staff.add(staff)
    late = submitted(applicant)
    Application.objects.filter(pk=late.pk).update(due_date=datetime.date(2026, 1, 12))
    client.force_login(staff)
    cache.clear()
    for _ in range(2):  # computed, then read from the summary cache
        page = client.get(reverse("staff_dashboard")).content.decode()
        change = reverse("admin:applications_application_change", args=[late.pk])
        assert f'<a href="{change}">{late.number} · {late.applicant_name}</a>' in page
        assert "Сформирована · срок этапа — до 12.01.2026" in page
        month = formats.date_format(timezone.localtime(late.submitted_at), "F Y")
        assert f">{month}</th>" in page and 'class="chart-segment status-submitted"' in page


def test_the_cached_summary_holds_no_lazy_translations(client, applicant, staff):
    """The summary goes through the cache at most once a minute and is read back on every visit: a lazy
    label in it is unpickled as a freshly built proxy class each time (issue 18), so it holds plain
    strings, and the due-soon limit is kept with it (the calendar's two queries once a minute)."""
    import pickle

    from django.utils import timezone

    from applications.dashboard import _summary
    from portal.workdays import add_working_days

    BranchFactory().staff.add(staff)
    submitted(applicant)
    cache.clear()
    today = timezone.localdate()
    summary = _summary(staff, Application.objects.for_staff(staff), today)
    assert b"_lazy_proxy_unpickle" not in pickle.dumps(summary)
    assert summary["soon"] == add_working_days(today, 2)


# applications/partials/deadline_list.html before the lists were written in Python (issue 18): the
# oracle that deadline_list_html must reproduce byte for byte.
FORMER_DEADLINE_LIST = (
    '{% load i18n %}\n'
    '<ul class="list-group list-group-flush small">\n'
    '{% for application in rows %}\n'
    '  <li class="list-group-item px-0 d-flex justify-content-between gap-2">\n'
    '    <a href="{{ application.url }}">{{ application.number }} · {{ application.applicant_name }}</a>\n'
    '    <span class="text-nowrap">{{ application.status_label }} · '
    '{% blocktranslate with date=application.due %}step due {{ date }}{% endblocktranslate %}</span>\n'
    '  </li>\n'
    '{% empty %}\n'
    '  <li class="list-group-item px-0 text-secondary">{% translate "Nothing here." %}</li>\n'
    '{% endfor %}\n'
    '</ul>\n'
)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_deadline_lists_written_in_python_are_the_former_template_s(applicant, language):
    from django.template import engines

    from applications.dashboard import deadline_list, deadline_list_html

    values = [
        {"pk": 7, "number": "2026-000007", "applicant_name": 'ООО «Рога & <копыта>»', "status": "submitted",
         "due_date": datetime.date(2026, 1, 12)},
        {"pk": 8, "number": None, "applicant_name": "", "status": "needs_correction",
         "due_date": datetime.date(2026, 2, 3)},
    ]
    template = engines["django"].from_string(FORMER_DEADLINE_LIST)
    with translation.override(language):
        rows = deadline_list(values)
        for shown in (rows, rows[:1], []):
            assert str(deadline_list_html(shown)) == template.render({"rows": shown})


@pytest.mark.parametrize("sees_all", [False, True])
def test_the_deadline_lists_are_the_querysets(applicant, staff, sees_all):
    """The lists read with SQL captured once per process are the ORM's for every branch count."""
    from applications.dashboard import DEADLINE_COLUMNS, deadline_rows

    branches = [BranchFactory(), BranchFactory(), BranchFactory()]
    today = datetime.date(2026, 3, 10)
    for number, branch in enumerate(branches * 3):
        application = submitted(applicant, branch=branch)
        Application.objects.filter(pk=application.pk).update(due_date=today + datetime.timedelta(days=number - 4))
    soon = today + datetime.timedelta(days=2)
    for ids in ([branches[0].pk], [branches[0].pk, branches[2].pk], None):
        visible = Application.objects.for_branches(ids).order_by("due_date").values(*DEADLINE_COLUMNS)
        overdue, due_soon = list(visible.overdue(today)[:20]), list(visible.due_soon(today, soon)[:20])
        assert overdue and due_soon
        assert deadline_rows("overdue", ids, today, soon) == overdue
        assert deadline_rows("due_soon", ids, today, soon) == due_soon
    assert deadline_rows("overdue", [], today, soon) == []
