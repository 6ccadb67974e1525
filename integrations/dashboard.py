"""The information systems panel of the staff dashboard: applications waiting for activation."""

from integrations.choices import SystemStatus
from integrations.models import InformationSystem

PANEL_LIMIT = 10


def systems_panel(request):
    if not request.user.has_perm("integrations.change_informationsystem"):
        return None
    visible = InformationSystem.objects.for_reviewer(request.user)
    waiting = visible.filter(status=SystemStatus.SUBMITTED).order_by("submitted_at", "pk")
    return {"template": "integrations/dashboard_panel.html", "waiting_count": waiting.count(),
            "active_count": visible.filter(status=SystemStatus.ACTIVE).count(),
            "waiting": list(waiting[:PANEL_LIMIT])}
