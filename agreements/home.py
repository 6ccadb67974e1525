"""The organisation's home-page section (portal.home): its agreement and what it means for the user.
An account with an agreement is an organisation: its home page has no applicant tiles."""

from agreements.models import Agreement


def agreement_section(request):
    agreement = (Agreement.objects.filter(organisation=request.user).only("pk", "number", "status", "submitted_at")
                 .order_by("-created_at", "-pk").first())
    if agreement is None:
        return None
    return {"template": "agreements/home_section.html", "agreement": agreement, "organisation": True}
