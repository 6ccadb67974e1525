"""The applicant's home-page section (portal.home): the latest answers to their appeals."""

from appeals.models import Appeal

SHOWN = 5


def appeals_section(request):
    if not request.user.is_applicant:
        return None
    answered = list(Appeal.objects.filter(applicant=request.user, answered_at__isnull=False)
                    .select_related("topic").order_by("-answered_at")[:SHOWN])
    return {"template": "appeals/home_section.html", "answered": answered} if answered else None
