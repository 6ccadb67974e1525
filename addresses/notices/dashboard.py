"""The notices panel of the staff dashboard: counts by status, overdue and due-soon reviews."""

from addresses.notices.choices import DECIDED_STATUSES, NoticeStatus
from addresses.notices.models import Notice
from portal.reviewing import review_panel

QUEUE_STATUSES = (NoticeStatus.SENT, *DECIDED_STATUSES)


def notices_panel(request):
    if not request.user.has_perm("addresses.change_notice"):
        return None
    visible = Notice.objects.for_reviewer(request.user)
    waiting = visible.filter(status=NoticeStatus.SENT).with_conflicts().order_by("due_date", "pk")
    return review_panel(template="addresses/staff/dashboard_panel.html", visible=visible,
                        queue_statuses=QUEUE_STATUSES, waiting=waiting)
