"""Choosing whom to act for after an ESIA login (seed 004, step 4) and switching it later.

Acting for an organisation goes through ESIA's organisation-scoped access (org_access.py): the choice
is a link (a form's redirect to ESIA would be stopped by CSP form-action) to `org_start`, ESIA comes
back to `org_callback`; acting as oneself is a POST to `switch`.
"""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import mfa
from accounts.esia import org_access, services
from accounts.esia.errors import ESIAError, message_for
from accounts.esia.views import configured_only

logger = logging.getLogger(__name__)


def _person_or_404(request):
    person = services.acting_person(request)
    if person is None:
        raise Http404
    return person


@login_required
@never_cache
def choose(request):
    if services.acting_person(request) is None and mfa.mfa_required(request.user):
        return redirect("home")  # staff logged in through ESIA act for nobody
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
    choice = request.POST.get("choice", "")
    if choice != "self":
        return redirect("accounts:esia:org_start", org_oid=choice) if choice.isdigit() else redirect(
            "accounts:esia:choose")
    try:
        target = services.acting_as_self(request, person=person)
    except services.ActingRefused as exc:
        messages.error(request, str(exc))
        return redirect("home")
    messages.success(request, _("You now act for: %(name)s.") % {"name": target.display_name})
    return redirect("home")


@configured_only
@login_required
@never_cache
def org_start(request, org_oid):
    """Ask ESIA for the organisation's scopes (only for an organisation ESIA listed for the person).

    A GET (see the module's docstring), so another site's link must not start it: a browser's
    Sec-Fetch-Site other than same-origin/none sends the person to the choice page instead."""
    person = _person_or_404(request)
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        return redirect("accounts:esia:choose")
    try:
        services.organisation_role(person, org_oid)
    except services.ActingRefused as exc:
        messages.error(request, str(exc))
        return redirect("accounts:esia:choose")
    try:
        return redirect(org_access.org_access_start(request, org_oid=org_oid))
    except ESIAError as exc:
        return _failed(request, exc)


@configured_only
@login_required
@never_cache
def org_callback(request):
    """ESIA's answer to org_start: read the organisation's data with its token, then act for it. On any
    failure nothing is created or linked and the session stays with whom it acted for."""
    person = _person_or_404(request)
    account = services.esia_account_of(person)
    if account is None:
        raise Http404
    try:
        org = org_access.org_access_complete(request, person_oid=account.uid,
                                             roles=services.organisations_of(person))
        target = services.acting_for_organisation(request, person=person, org=org)
    except ESIAError as exc:
        return _failed(request, exc)
    except services.ActingRefused as exc:
        messages.error(request, str(exc))
        return redirect("accounts:esia:choose")
    messages.success(request, _("You now act for: %(name)s.") % {"name": target.display_name})
    return redirect("home")


def _failed(request, exc):
    logger.warning("ESIA organisation access failed: %s %s %s", exc.kind, exc.code, exc.detail)
    return render(request, "esia/error.html", {"message": message_for(exc.kind, exc.code), "code": exc.code,
                                               "acting": True}, status=400)
