"""The passports panel of the staff dashboard: counts by status, overdue and due-soon reviews."""

from django.db.models import Count
from django.utils import timezone

from passports.choices import Status
from passports.models import Passport
from portal.workdays import add_working_days

QUEUE_STATUSES = (Status.SENT, Status.RETURNED, Status.ACCEPTED, Status.SUPERSEDED)
LIST_LIMIT = 20


def passports_panel(request):
    if not request.user.has_perm("passports.change_passport"):
        return None
    visible = Passport.objects.for_reviewer(request.user)
    today = timezone.localdate()
    soon = add_working_days(today, 2)
    counts = dict(visible.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    waiting = visible.filter(status=Status.SENT).select_related("address").order_by("due_date", "pk")
    return {
        "template": "passports/dashboard_panel.html",
        "queues": [(status.value, status.label, counts.get(status.value, 0)) for status in QUEUE_STATUSES],
        "overdue_count": visible.overdue(today).count(),
        "due_soon_count": visible.due_soon(today, soon).count(),
        "waiting": list(waiting[:LIST_LIMIT]),
        "today": today, "soon": soon,
    }
