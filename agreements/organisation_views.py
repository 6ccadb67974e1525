"""The organisation's own agreement, seen after login (the public pages know a draft by its session)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from agreements.access import agreement_needed
from agreements.document import agreement_pdf
from agreements.models import Agreement, Status


@login_required
def my_agreement(request):
    """The agreement in force, else the latest one the account had (e.g. terminated); ?format=pdf
    downloads it. An account with none is told how to conclude one."""
    agreements = Agreement.objects.filter(organisation=request.user).select_related("template")
    agreement = agreements.filter(status=Status.ACCEPTED).first() or agreements.order_by("-pk").first()
    if agreement is None:
        return agreement_needed(request, "agreement")
    if request.GET.get("format") == "pdf":
        response = HttpResponse(agreement_pdf(agreement), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="agreement-{agreement.number}.pdf"'
        return response
    return render(request, "agreements/organisation/mine.html", {
        "agreement": agreement, "nav": "agreement", "events": agreement.events.select_related("actor")})
