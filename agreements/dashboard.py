"""The agreements panel of the staff dashboard: queues with counts, overdue and due-soon reviews."""

from django.db.models import Count
from django.utils import timezone

from agreements.models import Agreement, Status
from portal.workdays import add_working_days

QUEUE_STATUSES = (Status.SUBMITTED, Status.ACCEPTED, Status.REJECTED, Status.TERMINATED)
LIST_LIMIT = 20


def agreements_panel(request):
    if not request.user.has_perm("agreements.change_agreement"):
        return None
    visible = Agreement.objects.for_reviewer(request.user)
    today = timezone.localdate()
    soon = add_working_days(today, 2)
    counts = dict(visible.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    waiting = visible.filter(status=Status.SUBMITTED).order_by("due_date", "pk")
    return {
        "template": "agreements/dashboard_panel.html",
        "queues": [(status.value, status.label, counts.get(status.value, 0)) for status in QUEUE_STATUSES],
        "overdue_count": visible.overdue(today).count(),
        "due_soon_count": visible.due_soon(today, soon).count(),
        "waiting": list(waiting[:LIST_LIMIT]),
        "today": today, "soon": soon,
    }
