"""The notices panel of the staff dashboard: counts by status, overdue and due-soon reviews."""

from django.db.models import Count
from django.utils import timezone

from addresses.models import Notice
from addresses.notice_choices import DECIDED_STATUSES, NoticeStatus
from portal.workdays import add_working_days

QUEUE_STATUSES = (NoticeStatus.SENT, *DECIDED_STATUSES)
LIST_LIMIT = 20


def notices_panel(request):
    if not request.user.has_perm("addresses.change_notice"):
        return None
    visible = Notice.objects.for_reviewer(request.user)
    today = timezone.localdate()
    soon = add_working_days(today, 2)
    counts = dict(visible.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    waiting = visible.filter(status=NoticeStatus.SENT).with_conflicts().order_by("due_date", "pk")
    return {
        "template": "addresses/staff/dashboard_panel.html",
        "queues": [(status.value, status.label, counts.get(status.value, 0)) for status in QUEUE_STATUSES],
        "overdue_count": visible.overdue(today).count(),
        "due_soon_count": visible.due_soon(today, soon).count(),
        "waiting": list(waiting[:LIST_LIMIT]),
        "today": today, "soon": soon,
    }
