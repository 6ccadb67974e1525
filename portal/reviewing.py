"""What the staff dashboard's pages of every workflow share (agreements, notices, passports): the
guard that lets in only holders of a permission, the deadline filter of their queues, their panels."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.utils import timezone

from portal.workdays import add_working_days

SOON_WORKING_DAYS = 2  # "due soon" on every dashboard: within the next two working days


def permission_required(permission):
    """Log in first; then without `permission` a 403 (reviewers are not Django staff, so the admin's
    own checks do not apply)."""

    def decorate(view):
        @login_required
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not request.user.has_perm(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return guarded

    return decorate


def due_soon_until(today):
    return add_working_days(today, SOON_WORKING_DAYS)


def by_deadline(rows, deadline):
    """rows (a queryset with overdue(today) and due_soon(today, until)) for the queue filter's choice."""
    today = timezone.localdate()
    if deadline == "overdue":
        return rows.overdue(today)
    if deadline == "soon":
        return rows.due_soon(today, due_soon_until(today))
    return rows


PANEL_LIST_LIMIT = 20


def review_panel(*, template, visible, queue_statuses, waiting):
    """A reviewer's dashboard panel: `visible` (a queryset with overdue/due_soon) counted by each of
    `queue_statuses` (TextChoices members), its overdue and due-soon counts, and the first `waiting` rows."""
    today = timezone.localdate()
    soon = due_soon_until(today)
    counts = dict(visible.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    return {
        "template": template,
        "queues": [(status.value, status.label, counts.get(status.value, 0)) for status in queue_statuses],
        "overdue_count": visible.overdue(today).count(),
        "due_soon_count": visible.due_soon(today, soon).count(),
        "waiting": list(waiting[:PANEL_LIST_LIMIT]),
        "today": today, "soon": soon,
    }
