"""The passports panel of the staff dashboard: counts by status, overdue and due-soon reviews."""

from passports.choices import Status
from passports.models import Passport
from portal.reviewing import review_panel

QUEUE_STATUSES = (Status.SENT, Status.RETURNED, Status.ACCEPTED, Status.SUPERSEDED)


def passports_panel(request):
    if not request.user.has_perm("passports.change_passport"):
        return None
    visible = Passport.objects.for_reviewer(request.user)
    waiting = visible.filter(status=Status.SENT).select_related("address").order_by("due_date", "pk")
    return review_panel(template="passports/dashboard_panel.html", visible=visible,
                        queue_statuses=QUEUE_STATUSES, waiting=waiting)
