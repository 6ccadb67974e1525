"""The municipal reviewer's pages: applications registering information systems (activate or reject,
block and unblock) and the «Оператор ИС» function of organisations (seed 002)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements.models import Agreement
from agreements.models import Status as AgreementStatus
from integrations import services
from integrations.choices import SystemStatus
from integrations.forms import ReasonForm
from integrations.models import InformationSystem, SystemOperator
from integrations.views import decide
from portal.reviewing import permission_required

reviewer_required = permission_required("integrations.change_informationsystem")
NAV = "staff"


def _get_system_for_reviewer(request, pk):
    return get_object_or_404(InformationSystem.objects.for_reviewer(request.user).select_related("operator"), pk=pk)


@reviewer_required
def system_queue(request):
    status = request.GET.get("status", SystemStatus.SUBMITTED)
    rows = InformationSystem.objects.for_reviewer(request.user).order_by("-submitted_at", "-pk")
    if status in SystemStatus.values:
        rows = rows.filter(status=status)
    q = request.GET.get("q", "").strip()
    if q:
        rows = rows.filter(Q(operator_name__icontains=q) | Q(operator_inn__startswith=q) | Q(full_name__icontains=q))
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    return render(request, "integrations/staff/queue.html", {
        "nav": NAV, "page": page, "status": status, "q": q,
        "statuses": [(s, label) for s, label in SystemStatus.choices if s != SystemStatus.DRAFT]})


@reviewer_required
def system_review(request, pk, reason_form=None):
    system = _get_system_for_reviewer(request, pk)
    signers = (system.signature_report or {}).get("signers") or []
    return render(request, "integrations/staff/review.html", {
        "nav": NAV, "system": system, "certificates": system.certificates.all(),
        "events": system.events.select_related("actor"), "reason_form": reason_form or ReasonForm(),
        "identity": (signers[0].get("identity") or {}) if signers else {}})


def _decide_system(request, pk, action, done, *, needs_reason=False):
    system = _get_system_for_reviewer(request, pk)
    kwargs = {"system": system, "actor": request.user}
    if needs_reason:
        form = ReasonForm(request.POST)
        if not form.is_valid():
            return system_review(request, pk, reason_form=form)
        kwargs["reason"] = form.cleaned_data["reason"]
    decide(request, lambda: getattr(services, f"system_{action}")(**kwargs), done)
    return redirect("integrations:staff_system", pk=pk)


@reviewer_required
@require_POST
def system_activate(request, pk):
    return _decide_system(request, pk, "activate", _("The system is active; the operator has been told."))


@reviewer_required
@require_POST
def system_reject(request, pk):
    return _decide_system(request, pk, "reject", _("The application is rejected; the operator has been told why."),
                 needs_reason=True)


@reviewer_required
@require_POST
def system_block(request, pk):
    return _decide_system(request, pk, "block", _("The system is blocked: its requests are refused."),
                          needs_reason=True)


@reviewer_required
@require_POST
def system_unblock(request, pk):
    return _decide_system(request, pk, "unblock", _("The system is active again."))


@reviewer_required
def operator_list(request):
    """Organisations with an agreement in force, whether each has the «Оператор ИС» function."""
    q = request.GET.get("q", "").strip()
    in_force = Agreement.objects.filter(status=AgreementStatus.ACCEPTED, organisation__isnull=False)
    if q:
        in_force = in_force.filter(Q(org_short_name__icontains=q) | Q(inn__startswith=q))
    in_force = in_force.annotate(is_operator=Exists(SystemOperator.objects.filter(
        organisation=OuterRef("organisation")))).order_by("org_short_name")
    page = Paginator(in_force, 25).get_page(request.GET.get("page"))
    return render(request, "integrations/staff/operators.html", {"nav": NAV, "page": page, "q": q})


@reviewer_required
@require_POST
def operator_grant(request, user_id):
    organisation = get_object_or_404(get_user_model(), pk=user_id)
    try:
        services.operator_grant(organisation=organisation, actor=request.user)
    except services.IntegrationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The organisation is an IS operator now."))
    return redirect("integrations:staff_operators")
