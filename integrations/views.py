"""The organisation's «Информационные системы» pages (seed 002): its systems, registration and signing of
the application, certificate renewal, its delegations of rights and the requests its systems received."""

import base64

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements.access import organisation_required
from integrations import services
from integrations.choices import DelegationStatus, SystemKind, SystemStatus
from integrations.forms import DelegationForm, RenewalForm, SystemForm
from integrations.models import Delegation, InformationSystem
from portal.workflow import Refused, TransitionNotAllowed
from signing.posted import Intake, SignatureUploadForm, receive_signature
from signing.services import SignOutcome

NAV = "organisation"
RENEWAL_SESSION_KEY = "integrations.renewal"


def _get_system_for_operator(request, pk):
    return get_object_or_404(InformationSystem.objects.for_operator(request.user), pk=pk)


@organisation_required(NAV)
def system_list(request):
    return render(request, "integrations/systems.html", {
        "nav": NAV, "systems": InformationSystem.objects.for_operator(request.user).order_by("-created_at"),
        "is_operator": services.is_system_operator(request.user),
        "received_count": Delegation.objects.received_by(request.user).filter(status=DelegationStatus.SENT)
        .exclude(organisation=request.user).count(),
    })


@organisation_required(NAV)
def system_new(request):
    kind = request.GET.get("kind", SystemKind.OWN)
    if kind not in SystemKind.values:
        kind = SystemKind.OWN
    if kind == SystemKind.COMMERCIAL and not services.is_system_operator(request.user):
        # Said before the form is filled in, not after (the certificate would have to be chosen again).
        messages.error(request, _("Only an organisation with the «IS operator» function may register a "
                                  "commercial system; ask the municipality to grant it."))
        return redirect("integrations:systems")
    form = SystemForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            system = services.system_start(operator=request.user, certificate_data=data.pop("certificate"),
                                           kind=kind, **{k: data[k] for k in services.SYSTEM_FIELDS if k != "kind"})
        except services.IntegrationRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The application is prepared: sign it with the key of the system's "
                                        "certificate to send it."))
            return redirect("integrations:system", pk=system.pk)
    return render(request, "integrations/system_form.html", {"nav": NAV, "form": form, "kind": SystemKind(kind)})


@organisation_required(NAV)
def system_detail(request, pk, upload_form=None):
    system = _get_system_for_operator(request, pk)
    return render(request, "integrations/system.html", {
        "nav": NAV, "system": system, "can_sign": system.status == SystemStatus.DRAFT,
        "certificates": system.certificates.all(), "events": system.events.select_related("actor"),
        "providers": system.delegations.filter(status=DelegationStatus.ACCEPTED).order_by("org_name"),
        "upload_form": upload_form or SignatureUploadForm(), "sign_url": reverse("integrations:sign", args=[pk]),
        "plugin_documents": [{"id": system.pk, "name": _("Application text (%(name)s)") % {"name": "application.txt"},
                              "size": len(system.text_bytes),
                              "content_url": reverse("integrations:text", args=[pk])}],
        "renewal_form": RenewalForm() if system.status == SystemStatus.ACTIVE else None,
    })


@organisation_required(NAV)
@require_POST
def system_delete(request, pk):
    system = _get_system_for_operator(request, pk)
    try:
        services.system_draft_delete(system=system)
    except services.IntegrationRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("integrations:system", pk=pk)
    messages.success(request, _("The unsent application is deleted."))
    return redirect("integrations:systems")


@organisation_required(NAV)
def system_text(request, pk):
    """The exact bytes that are signed."""
    system = _get_system_for_operator(request, pk)
    response = HttpResponse(system.text_bytes, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="application.txt"'
    return response


@organisation_required(NAV)
@require_POST
def system_sign(request, pk):
    system = _get_system_for_operator(request, pk)
    return receive_signature(request, Intake(
        accept=lambda data: services.system_sign(system=system, data=data),
        page=reverse("integrations:system", args=[pk]), refusals=(Refused,),
        on_form_errors=lambda form: system_detail(request, pk, upload_form=form),
        success=lambda summary: _("The application is signed and sent to the municipality.") + " " + summary))


@organisation_required(NAV)
def system_renew(request, pk):
    """Step 1 (POST with a .cer): the statement to sign with the new key; step 2 (POST with the signature)
    replaces the certificate. The new certificate waits in the session between the steps."""
    system = _get_system_for_operator(request, pk)
    if system.status != SystemStatus.ACTIVE:
        return redirect("integrations:system", pk=pk)
    form = RenewalForm(request.POST or None, request.FILES or None)
    pending = request.session.get(RENEWAL_SESSION_KEY, {}).get(str(pk))
    if request.method == "POST" and "certificate" in request.FILES:
        if form.is_valid():
            try:
                _info, text = services.renewal_text(system, form.cleaned_data["certificate"])
            except services.IntegrationRefused as refusal:
                form.add_error("certificate", str(refusal))
            else:
                pending = {"certificate": base64.b64encode(form.cleaned_data["certificate"]).decode(), "text": text}
                request.session[RENEWAL_SESSION_KEY] = {str(pk): pending}
    elif request.method == "POST" and pending:
        return _renew(request, system, pending)
    return render(request, "integrations/renew.html", {
        "nav": NAV, "system": system, "form": form, "pending": pending, "upload_form": SignatureUploadForm(),
        "sign_url": reverse("integrations:renew", args=[pk]),
        "plugin_documents": [{"id": system.pk, "name": "renewal.txt", "size": len(pending["text"].encode()),
                              "content_url": reverse("integrations:renewal_text", args=[pk])}] if pending else [],
    })


def _renew(request, system, pending):
    def accept(data):
        outcome = services.system_renew_certificate(
            system=system, certificate_data=base64.b64decode(pending["certificate"]), text=pending["text"], data=data)
        if outcome.valid:
            request.session.pop(RENEWAL_SESSION_KEY, None)
        return SignOutcome(outcome.valid, outcome.summary, done=outcome.valid)

    return receive_signature(request, Intake(
        accept=accept, page=reverse("integrations:renew", args=[system.pk]), refusals=(services.IntegrationRefused,),
        done_url=reverse("integrations:system", args=[system.pk]),
        done_message=_("The certificate of the system is replaced.")))


@organisation_required(NAV)
def renewal_text(request, pk):
    _get_system_for_operator(request, pk)
    pending = request.session.get(RENEWAL_SESSION_KEY, {}).get(str(pk))
    if not pending:
        return redirect("integrations:renew", pk=pk)
    return HttpResponse(pending["text"].encode("utf-8"), content_type="text/plain; charset=utf-8")


@organisation_required(NAV)
def delegation_list(request):
    """«Предоставление прав доступа»: the organisation's requests and a new one."""
    form = DelegationForm(request.POST or None, systems=InformationSystem.objects.delegable(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            delegation = services.delegation_create(organisation=request.user, **form.cleaned_data)
        except services.IntegrationRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The rights are granted: the system may send information now.")
                             if delegation.status == DelegationStatus.ACCEPTED
                             else _("The request is sent to the operator of the system."))
            return redirect("integrations:delegations")
    rows = Delegation.objects.granted_by(request.user).select_related("system")
    return render(request, "integrations/delegations.html", {
        "nav": NAV, "form": form, "rows": [(row, services.delegation_status_label(row)) for row in rows],
        "today": timezone.localdate(), "no_systems": not form.fields["system"].queryset.exists()})


@organisation_required(NAV)
@require_POST
def delegation_revoke(request, pk):
    delegation = get_object_or_404(Delegation.objects.granted_by(request.user), pk=pk)
    decide(request, lambda: services.delegation_revoke(delegation=delegation, actor=request.user),
            _("The rights are revoked."))
    return redirect("integrations:delegations")


def decide(request, action, done):
    """Run a workflow move for a button; say what happened (someone else acting first included)."""
    try:
        action()
    except TransitionNotAllowed as error:
        messages.error(request, _("Not done: the request is already “%(status)s”.") % {"status": error.status})
    except services.IntegrationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, done)
