"""The appeals panel of the staff dashboard: queues by status and branch, overdue and due-soon
appeals, and the open appeals with links to the answer page."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from appeals.choices import OPEN_STATUSES
from appeals.models import Appeal, Status

DUE_SOON_DAYS = 3  # calendar days, like the 30-day answer deadline itself
LIST_LIMIT = 20


OPEN_COLUMNS = ("pk", "number", "status", "due_date", "branch__city", "topic__name")


def appeals_panel(request):
    """Two queries whatever the number of appeals (issue 18): the counts by branch and status, and
    the first open appeals by due date with only the columns shown. `overdue` and `due_soon` are the
    shown open appeals past or near their due date (the open list is ordered by it, so they are
    also the first of their kind)."""
    if not request.user.has_perm("appeals.change_appeal"):
        return None
    visible = Appeal.objects.for_staff(request.user)
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    counts, by_branch = _counts_and_branches(visible, today, soon)
    waiting = list(visible.open().select_related("branch", "topic").only(*OPEN_COLUMNS)
                   .order_by("due_date", "pk")[:LIST_LIMIT])
    return {
        "template": "appeals/dashboard_panel.html",
        "queues": [(status.value, status.label, counts[status.value]) for status in Status],
        "by_branch": by_branch,
        "overdue": [appeal for appeal in waiting if appeal.due_date and appeal.due_date < today],
        "due_soon": [appeal for appeal in waiting if appeal.due_date and today <= appeal.due_date <= soon],
        "open": waiting,
        "overdue_count": counts["overdue"],
        "due_soon_count": counts["due_soon"],
        "today": today,
        "soon": soon,
    }


def _counts_and_branches(visible, today, soon):
    """({status: n, …, "overdue": n, "due_soon": n}, [{"pk", "city", "accepted", "processed"}, …] of
    the open appeals per city) from one query grouped by branch and status."""
    open_ = Q(status__in=OPEN_STATUSES)
    rows = (visible.values_list("branch_id", "branch__city", "status")
            .annotate(n=Count("pk"), overdue=Count("pk", filter=open_ & Q(due_date__lt=today)),
                      due_soon=Count("pk", filter=open_ & Q(due_date__gte=today, due_date__lte=soon)))
            .order_by("branch__city", "branch_id"))
    counts = dict.fromkeys([status.value for status in Status] + ["overdue", "due_soon"], 0)
    by_branch = {}
    for branch_pk, city, status, count, overdue, due_soon in rows:
        counts[status] = counts.get(status, 0) + count
        counts["overdue"] += overdue
        counts["due_soon"] += due_soon
        if status in OPEN_STATUSES:
            entry = by_branch.setdefault(branch_pk, {"pk": branch_pk, "city": city, "accepted": 0, "processed": 0})
            entry[status] = count
    return counts, list(by_branch.values())
