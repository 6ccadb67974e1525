"""The applicant's home-page section (portal.home): applications waiting for the applicant (corrections,
signature) with their deadlines, drafts to finish, and answers received (completed or rejected)."""

from applications.models import Application, Status

WAITING = (Status.NEEDS_CORRECTION, Status.AWAITING_SIGNATURE)
ANSWERED = (Status.COMPLETED, Status.REJECTED)
SHOWN = 5


def applications_section(request):
    """{"template", "waiting", "drafts", "answered"} for an applicant with any of them; else None."""
    user = request.user
    if not user.is_applicant:
        return None
    rows = list(Application.objects.filter(applicant=user, status__in=(*WAITING, Status.DRAFT, *ANSWERED))
                .only("pk", "number", "status", "kind", "supply_type", "due_date", "answer_due_date",
                      "answer_days_left", "updated_at", "applicant_id")
                .order_by("-updated_at", "-pk")[:100])
    section = {
        "template": "applications/home_section.html",
        "waiting": sorted((a for a in rows if a.status in WAITING), key=lambda a: (a.due_date is None, a.due_date)),
        "drafts": [a for a in rows if a.status == Status.DRAFT][:SHOWN],
        "answered": [a for a in rows if a.status in ANSWERED][:SHOWN],
    }
    return section if section["waiting"] or section["drafts"] or section["answered"] else None
