"""Who may open an organisation's pages (served addresses, notices, passports): a logged-in account
with an interaction agreement in force. Anyone else gets a page saying how to conclude one."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from agreements.services import agreement_in_force_for


def agreement_needed(request, nav):
    return render(request, "agreements/organisation/agreement_needed.html", {"nav": nav}, status=403)


def organisation_required(nav):
    """Decorator for the organisation's views; the agreement in force is left on request.agreement."""

    def decorate(view):
        @login_required
        @wraps(view)
        def guarded(request, *args, **kwargs):
            request.agreement = agreement_in_force_for(request.user)
            if request.agreement is None:
                return agreement_needed(request, nav)
            return view(request, *args, **kwargs)

        return guarded

    return decorate
