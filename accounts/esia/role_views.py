"""Choosing whom to act for after an ESIA login (seed 004, step 4) and switching it later."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.esia import services


def _person_or_404(request):
    person = services.acting_person(request)
    if person is None:
        raise Http404
    return person


@login_required
@never_cache
def choose(request):
    person = _person_or_404(request)
    return render(request, "esia/choose.html", {
        "person": person, "organisations": services.organisations_of(person),
        "acting_for": request.session.get(services.ACTING_FOR_KEY, ""),
        "other_accounts": services.other_accounts_of_the_person(person).exists(),
    })


@login_required
@require_POST
def switch(request):
    person = _person_or_404(request)
    try:
        target = services.acting_switch(request, person=person, choice=request.POST.get("choice", ""))
    except services.ActingRefused as exc:
        messages.error(request, str(exc))
        return redirect("accounts:esia:choose")
    messages.success(request, _("You now act for: %(name)s.") % {"name": target.display_name})
    return redirect("home")
