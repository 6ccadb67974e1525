"""The appeals panel of the staff dashboard: queues by status and branch, overdue and due-soon
appeals, and the open appeals with links to the answer page."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from appeals.choices import OPEN_STATUSES
from appeals.models import Appeal, Status

DUE_SOON_DAYS = 3  # calendar days, like the 30-day answer deadline itself
LIST_LIMIT = 20


def appeals_panel(request):
    if not request.user.has_perm("appeals.change_appeal"):
        return None
    visible = Appeal.objects.for_staff(request.user)
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    counts = _counts(visible, today, soon)
    rows = visible.select_related("branch", "topic").order_by("due_date", "pk")
    return {
        "template": "appeals/dashboard_panel.html",
        "queues": [(status.value, status.label, counts[status.value]) for status in Status],
        "by_branch": _open_by_branch(visible),
        "overdue": list(rows.overdue(today)[:LIST_LIMIT]),
        "due_soon": list(rows.due_soon(today, soon)[:LIST_LIMIT]),
        "open": list(rows.open()[:LIST_LIMIT]),
        "overdue_count": counts["overdue"],
        "due_soon_count": counts["due_soon"],
        "today": today,
    }


def _counts(visible, today, soon):
    """{status: n, …, "overdue": n, "due_soon": n} in one query instead of three (issue 18)."""
    open_ = Q(status__in=OPEN_STATUSES)
    return visible.aggregate(
        **{status.value: Count("pk", filter=Q(status=status.value)) for status in Status},
        overdue=Count("pk", filter=open_ & Q(due_date__lt=today)),
        due_soon=Count("pk", filter=open_ & Q(due_date__gte=today, due_date__lte=soon)),
    )


def _open_by_branch(queryset):
    """Open appeals per city and status: one row per city, for staff of several branches and managers."""
    rows = (queryset.open().values_list("branch__pk", "branch__city", "status").annotate(n=Count("pk"))
            .order_by("branch__city"))
    by_branch = {}
    for branch_pk, city, status, count in rows:
        entry = by_branch.setdefault(branch_pk, {"pk": branch_pk, "city": city, "accepted": 0, "processed": 0})
        entry[status] = count
    return list(by_branch.values())
