"""The applications panel of the staff dashboard: queues, deadlines, and a chart by month."""

import datetime

from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from applications.models import Application, Status
from portal.workdays import add_working_days

CHART_MONTHS = 12
QUEUE_STATUSES = (Status.SUBMITTED, Status.UNDER_REVIEW, Status.NEEDS_CORRECTION, Status.AWAITING_SIGNATURE,
                  Status.SIGNED)


SUMMARY_CACHE_SECONDS = 60


def applications_panel(request):
    if not request.user.has_perm("applications.view_application"):
        return None
    visible = Application.objects.for_staff(request.user)
    today = timezone.localdate()
    soon = add_working_days(today, 2)
    deadline_rows = visible.select_related("branch").order_by("due_date")
    return {
        "template": "applications/dashboard_panel.html",
        **_summary(request.user, visible, today),
        "overdue": list(deadline_rows.overdue(today)[:20]),
        "due_soon": list(deadline_rows.due_soon(today, soon)[:20]),
    }


def _summary(user, visible, today):
    """Counts and the chart aggregate a branch's whole history: computed at most once a minute."""
    branches = "all" if user.is_superuser or user.has_perm("applications.view_all_branches") else \
        ",".join(str(pk) for pk in sorted(user.staff_branches.values_list("pk", flat=True)))
    key = f"applications-dashboard:{branches}:{today.isoformat()}"

    def compute():
        counts = dict(visible.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
        return {"queues": [(status, Status(status).label, counts.get(status, 0)) for status in QUEUE_STATUSES],
                "chart": monthly_chart(visible, today)}

    return cache.get_or_set(key, compute, SUMMARY_CACHE_SECONDS)


def monthly_chart(queryset, today):
    """Applications submitted per month and status for the last 12 months, as rows of bar segments."""
    first_day = (today.replace(day=1) - datetime.timedelta(days=31 * (CHART_MONTHS - 1))).replace(day=1)
    # An aware datetime, not __date: the index on submitted_at can then be used.
    start = timezone.make_aware(datetime.datetime.combine(first_day, datetime.time.min))
    rows = (queryset.filter(submitted_at__gte=start).annotate(month=TruncMonth("submitted_at"))
            .values_list("month", "status").annotate(n=Count("pk")).order_by("month"))
    by_month = {}
    for month, status, count in rows:
        key = month.date() if isinstance(month, datetime.datetime) else month
        by_month.setdefault(key, {})[status] = count
    peak = max((sum(statuses.values()) for statuses in by_month.values()), default=0) or 1
    months = []
    for month in sorted(by_month):
        statuses = by_month[month]
        segments = [(status, Status(status).label, count, round(100 * count / peak, 1))
                    for status, count in sorted(statuses.items())]
        months.append({"month": month, "total": sum(statuses.values()), "segments": segments})
    return months
