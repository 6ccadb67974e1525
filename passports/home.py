"""The organisation's home-page section (portal.home): its house passports by what they wait for."""

from django.db.models import Count

from passports.choices import Status
from passports.models import Passport

THE_ORGANISATION_S_TURN = (Status.DRAFT, Status.VALIDATED, Status.SIGNED, Status.RETURNED)


def passports_section(request):
    counts = dict(Passport.objects.of_organisation(request.user).values("status").annotate(n=Count("pk")).order_by()
                  .values_list("status", "n"))
    if not counts:
        return None
    return {"template": "passports/home_section.html",
            "returned": counts.get(Status.RETURNED, 0),
            "unsent": sum(counts.get(status, 0) for status in THE_ORGANISATION_S_TURN if status != Status.RETURNED),
            "sent": counts.get(Status.SENT, 0)}
