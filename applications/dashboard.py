"""The applications panel of the staff dashboard: queues, deadlines, and a chart by month."""

import datetime
import functools

from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from applications.listing import url_maker
from applications.models import Application, Status
from applications.querysets import staff_branches
from portal.html_text import escape
from portal.models import staff_branch_ids
from portal.prepared_sql import PreparedSQL, id_markers
from portal.workdays import add_working_days

CHART_MONTHS = 12
QUEUE_STATUSES = (Status.SUBMITTED, Status.UNDER_REVIEW, Status.NEEDS_CORRECTION, Status.AWAITING_SIGNATURE,
                  Status.SIGNED)


SUMMARY_CACHE_SECONDS = 60


DEADLINE_COLUMNS = ("pk", "number", "applicant_name", "status", "due_date")


def applications_panel(request):
    if not request.user.has_perm("applications.view_application"):
        return None
    user = request.user
    visible = Application.objects.for_staff(user)
    today = timezone.localdate()
    summary = _summary(user, visible, today)
    # The branches for_staff(user) filters by; [] when it is empty (for_staff's none()).
    branches = staff_branches(user) if user.is_authenticated and user.is_staff else []
    overdue = deadline_list(deadline_rows("overdue", branches, today, summary["soon"]))
    due_soon = deadline_list(deadline_rows("due_soon", branches, today, summary["soon"]))
    return {
        "template": "applications/dashboard_panel.html",
        **summary,
        "overdue": overdue, "overdue_html": deadline_list_html(overdue),
        "due_soon": due_soon, "due_soon_html": deadline_list_html(due_soon),
    }


DEADLINE_LIMIT = 20
# What stands for the request's values while the lists' SQL is captured (portal.prepared_sql).
_TODAY, _SOON = datetime.date(1, 1, 4), datetime.date(1, 1, 5)


def deadline_rows(which, branches, today, soon):
    """The first DEADLINE_LIMIT "overdue" or "due_soon" applications of `branches` (ids, None for
    all) by due date, as dictionaries of DEADLINE_COLUMNS: the queryset's SQL, captured once per
    process per list and number of branches instead of built on every visit (issue 18)."""
    if branches == []:  # no query, as the ORM's none()
        return []
    values = {"today": today, "soon": soon, **{f"branch{index}": pk for index, pk in enumerate(branches or ())}}
    sql = _deadline_sql(which, None if branches is None else len(branches))
    return [dict(zip(DEADLINE_COLUMNS, row, strict=True)) for row in sql.rows(values)]


@functools.lru_cache(maxsize=64)
def _deadline_sql(which, branch_count):
    branch_markers = id_markers("branch", branch_count or 0)
    rows = (Application.objects.for_branches(None if branch_count is None else list(branch_markers.values()))
            .order_by("due_date").values(*DEADLINE_COLUMNS))
    if which == "overdue":
        rows, markers = rows.overdue(_TODAY), {"today": _TODAY}
    else:
        rows, markers = rows.due_soon(_TODAY, _SOON), {"today": _TODAY, "soon": _SOON}
    return PreparedSQL.capture(lambda: list(rows[:DEADLINE_LIMIT]), {**markers, **branch_markers})


def deadline_list(values):
    """Rows of a deadline list as the panel shows them ({"pk", "number", "applicant_name", "status",
    "status_label", "due", "url"}): labels and the link made once for the list, not per row."""
    labels = {choice.value: str(choice.label) for choice in Status}
    change_url = url_maker("admin:applications_application_change")
    return [{**row, "status_label": labels[row["status"]], "due": f"{row['due_date']:%d.%m.%Y}",
             "url": change_url(row["pk"])} for row in values]


def deadline_list_html(rows):
    """The HTML of the former partials/deadline_list.html for `rows` (deadline_list), byte for byte:
    two lists of up to 20 rows through the template were a third of /staff/ (issue 18)."""
    if not rows:
        items = f'\n  <li class="list-group-item px-0 text-secondary">{gettext("Nothing here.")}</li>\n'
    else:
        due = gettext("step due %(date)s")
        items = "".join(
            f'\n  <li class="list-group-item px-0 d-flex justify-content-between gap-2">\n'
            f'    <a href="{escape(row["url"])}">{escape(row["number"])} · {escape(row["applicant_name"])}</a>\n'
            f'    <span class="text-nowrap">{escape(row["status_label"])} · {due % {"date": escape(row["due"])}}'
            f'</span>\n  </li>\n' for row in rows)
    return mark_safe(f'\n<ul class="list-group list-group-flush small">\n{items}\n</ul>\n')


def _summary(user, visible, today):
    """Counts and the chart aggregate a branch's whole history: computed at most once a minute, with
    the chart's HTML (a few hundred localized numbers and dates), so the language is in the key.
    `soon` (2 working days ahead, two calendar queries) is kept with them: a production calendar
    loaded meanwhile shows in the due-soon list within the minute."""
    branches = "all" if user.is_superuser or user.has_perm("applications.view_all_branches") else \
        ",".join(str(pk) for pk in staff_branch_ids(user))
    # "summary2": the entries of the code before `soon` was kept with them cannot be read as these.
    key = f"applications-summary2:{branches}:{today.isoformat()}:{translation.get_language()}"

    def compute():
        counts = dict(visible.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
        chart = monthly_chart(visible, today)
        return {"soon": add_working_days(today, 2),
                "queues": [(status, str(Status(status).label), counts.get(status, 0)) for status in QUEUE_STATUSES],
                "chart": chart, "chart_html": render_to_string("applications/partials/chart.html", {"chart": chart})}

    return cache.get_or_set(key, compute, SUMMARY_CACHE_SECONDS)


def chart_months(today):
    """The first days of the last CHART_MONTHS calendar months, oldest first, this month last."""
    index = today.year * 12 + today.month - 1
    return [datetime.date(i // 12, i % 12 + 1, 1) for i in range(index - CHART_MONTHS + 1, index + 1)]


def monthly_chart(queryset, today):
    """Applications submitted per month and status for exactly the last 12 months, as rows of bar
    segments; a month without applications is a row with total 0, so the axis has no gaps."""
    months = chart_months(today)
    # An aware datetime, not __date: the index on submitted_at can then be used.
    start = timezone.make_aware(datetime.datetime.combine(months[0], datetime.time.min))
    rows = (queryset.filter(submitted_at__gte=start).annotate(month=TruncMonth("submitted_at"))
            .values_list("month", "status").annotate(n=Count("pk")).order_by("month"))
    by_month = {month: {} for month in months}
    for month, status, count in rows:
        key = month.date() if isinstance(month, datetime.datetime) else month
        if key in by_month:  # a submission dated in the future (clock skew) is not charted
            by_month[key][status] = count
    peak = max((sum(statuses.values()) for statuses in by_month.values()), default=0) or 1
    chart = []
    for month, statuses in by_month.items():
        # Plain strings, not lazy labels: the chart is kept in the cache, and each lazy label read
        # back from it is rebuilt as a new proxy class (~0.2 ms apiece).
        segments = [(status, str(Status(status).label), count, round(100 * count / peak, 1))
                    for status, count in sorted(statuses.items())]
        chart.append({"month": month, "total": sum(statuses.values()), "segments": segments})
    return chart
