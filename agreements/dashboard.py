"""The agreements panel of the staff dashboard: queues with counts, overdue and due-soon reviews."""

from agreements.models import Agreement, Status
from portal.reviewing import review_panel

QUEUE_STATUSES = (Status.SUBMITTED, Status.ACCEPTED, Status.REJECTED, Status.TERMINATED)


def agreements_panel(request):
    if not request.user.has_perm("agreements.change_agreement"):
        return None
    visible = Agreement.objects.for_reviewer(request.user)
    waiting = visible.filter(status=Status.SUBMITTED).order_by("due_date", "pk")
    return review_panel(template="agreements/dashboard_panel.html", visible=visible,
                        queue_statuses=QUEUE_STATUSES, waiting=waiting)
