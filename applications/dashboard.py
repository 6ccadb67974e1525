"""The applications panel of the staff dashboard: queues, deadlines, and a chart by month."""

import datetime

from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.template.loader import render_to_string
from django.utils import timezone, translation

from applications.listing import url_maker
from applications.models import Application, Status
from portal.models import staff_branch_ids
from portal.workdays import add_working_days

CHART_MONTHS = 12
QUEUE_STATUSES = (Status.SUBMITTED, Status.UNDER_REVIEW, Status.NEEDS_CORRECTION, Status.AWAITING_SIGNATURE,
                  Status.SIGNED)


SUMMARY_CACHE_SECONDS = 60


DEADLINE_COLUMNS = ("pk", "number", "applicant_name", "status", "due_date")


def applications_panel(request):
    if not request.user.has_perm("applications.view_application"):
        return None
    visible = Application.objects.for_staff(request.user)
    today = timezone.localdate()
    summary = _summary(request.user, visible, today)
    deadline_rows = visible.order_by("due_date").values(*DEADLINE_COLUMNS)
    return {
        "template": "applications/dashboard_panel.html",
        **summary,
        "overdue": deadline_list(deadline_rows.overdue(today)[:20]),
        "due_soon": deadline_list(deadline_rows.due_soon(today, summary["soon"])[:20]),
    }


def deadline_list(values):
    """Rows of a deadline list as the panel shows them ({"pk", "number", "applicant_name", "status",
    "status_label", "due", "url"}): labels and the link made once for the list, not per row."""
    labels = {choice.value: str(choice.label) for choice in Status}
    change_url = url_maker("admin:applications_application_change")
    return [{**row, "status_label": labels[row["status"]], "due": f"{row['due_date']:%d.%m.%Y}",
             "url": change_url(row["pk"])} for row in values]


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
