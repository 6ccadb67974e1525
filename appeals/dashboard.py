"""The appeals panel of the staff dashboard: queues by status and branch, overdue and due-soon
appeals, and the open appeals with links to the answer page."""

import datetime
import functools

from django.db.models import Count, Q
from django.utils import timezone

from appeals.choices import OPEN_STATUSES
from appeals.models import Appeal, Status
from appeals.querysets import staff_branches
from portal.prepared_sql import PreparedSQL, id_markers

DUE_SOON_DAYS = 3  # calendar days, like the 30-day answer deadline itself
LIST_LIMIT = 20


OPEN_COLUMNS = ("pk", "number", "status", "due_date", "branch__city", "topic__name")
# What stands for the request's values while the panel's SQL is captured (portal.prepared_sql).
_TODAY, _SOON = datetime.date(1, 1, 4), datetime.date(1, 1, 5)


def appeals_panel(request):
    """Two queries whatever the number of appeals (issue 18): the counts by branch and status, and
    the first open appeals by due date with only the columns shown, each with SQL the ORM wrote once
    per process per number of branches. `overdue` and `due_soon` are the shown open appeals past or
    near their due date (the open list is ordered by it, so they are also the first of their kind)."""
    user = request.user
    if not user.has_perm("appeals.change_appeal"):
        return None
    # The branches for_staff(user) filters by; [] when it is empty (for_staff's none(): no query).
    branches = staff_branches(user) if user.is_authenticated and user.is_staff else []
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    values = {"today": today, "soon": soon, **{f"branch{index}": pk for index, pk in enumerate(branches or ())}}
    counts, by_branch = _counts_and_branches(branches, values)
    waiting = _open_appeals(branches, values)
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


class OpenAppeal:
    """An open appeal of the panel's list, with what appeals/dashboard_panel.html reads of an Appeal."""

    __slots__ = ("pk", "number", "status", "due_date", "branch", "topic", "status_label")

    def __init__(self, pk, number, status, due_date, city, topic_name, labels):
        self.pk, self.number, self.status, self.due_date = pk, number, status, due_date
        self.branch, self.topic = _Named(city), None if topic_name is None else _Named(topic_name)
        self.status_label = labels.get(status, status)

    def get_status_display(self):
        return self.status_label


class _Named:
    __slots__ = ("city", "name")

    def __init__(self, name):
        self.city = self.name = name


def _open_appeals(branches, values):
    if branches == []:
        return []
    labels = {choice.value: str(choice.label) for choice in Status}
    rows = _open_sql(None if branches is None else len(branches)).rows(values)
    return [OpenAppeal(*row, labels) for row in rows]


def _counts_and_branches(branches, values):
    """({status: n, …, "overdue": n, "due_soon": n}, [{"pk", "city", "accepted", "processed"}, …] of
    the open appeals per city) from one query grouped by branch and status."""
    counts = dict.fromkeys([status.value for status in Status] + ["overdue", "due_soon"], 0)
    if branches == []:
        return counts, []
    by_branch = {}
    rows = _counts_sql(None if branches is None else len(branches)).rows(values)
    for branch_pk, city, status, count, overdue, due_soon in rows:
        counts[status] = counts.get(status, 0) + count
        counts["overdue"] += overdue
        counts["due_soon"] += due_soon
        if status in OPEN_STATUSES:
            entry = by_branch.setdefault(branch_pk, {"pk": branch_pk, "city": city, "accepted": 0, "processed": 0})
            entry[status] = count
    return counts, list(by_branch.values())


def _branch_markers(branch_count):
    return id_markers("branch", branch_count or 0)


def _visible(branch_markers, branch_count):
    return Appeal.objects.for_branches(None if branch_count is None else list(branch_markers.values()))


@functools.lru_cache(maxsize=64)
def _counts_sql(branch_count):
    markers = _branch_markers(branch_count)
    open_ = Q(status__in=OPEN_STATUSES)
    rows = (_visible(markers, branch_count).values_list("branch_id", "branch__city", "status")
            .annotate(n=Count("pk"), overdue=Count("pk", filter=open_ & Q(due_date__lt=_TODAY)),
                      due_soon=Count("pk", filter=open_ & Q(due_date__gte=_TODAY, due_date__lte=_SOON)))
            .order_by("branch__city", "branch_id"))
    return PreparedSQL.capture(lambda: list(rows), {"today": _TODAY, "soon": _SOON, **markers})


@functools.lru_cache(maxsize=64)
def _open_sql(branch_count):
    markers = _branch_markers(branch_count)
    rows = _visible(markers, branch_count).open().order_by("due_date", "pk").values_list(*OPEN_COLUMNS)
    return PreparedSQL.capture(lambda: list(rows[:LIST_LIMIT]), markers)
