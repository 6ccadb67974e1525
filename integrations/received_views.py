"""Seed 002 «Заявки на предоставление прав доступа»: requests other organisations sent to the systems this
organisation operates, with filters, and the operator's decision on each."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements.access import organisation_required
from integrations import services
from integrations.forms import ReasonForm, ReceivedFilterForm
from integrations.models import Delegation
from integrations.views import NAV, decide


def _received(request):
    return Delegation.objects.received_by(request.user).exclude(organisation=request.user).select_related("system")


def _filtered(rows, data):
    if data.get("q"):
        rows = rows.filter(Q(org_name__icontains=data["q"]) | Q(inn__startswith=data["q"]))
    if data.get("kind"):
        # JSON containment is not on SQLite: the list of kinds is short, so match its text.
        rows = rows.filter(information_kinds__icontains=f'"{data["kind"]}"')
    if data.get("status"):
        rows = rows.filter(status=data["status"])
    if data.get("valid_on"):
        rows = rows.in_force(data["valid_on"])
    return rows


@organisation_required(NAV)
def received_list(request):
    form = ReceivedFilterForm(request.GET or None)
    rows = _received(request)
    if form.is_valid():
        rows = _filtered(rows, form.cleaned_data)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    return render(request, "integrations/received.html", {
        "nav": NAV, "form": form, "page": page,
        "rows": [(row, services.delegation_status_label(row)) for row in page]})


@organisation_required(NAV)
def received_detail(request, pk, reject_form=None):
    delegation = get_object_or_404(_received(request), pk=pk)
    return render(request, "integrations/received_detail.html", {
        "nav": NAV, "delegation": delegation, "status_label": services.delegation_status_label(delegation),
        "events": delegation.events.select_related("actor"), "reject_form": reject_form or ReasonForm()})


@organisation_required(NAV)
@require_POST
def received_accept(request, pk):
    delegation = get_object_or_404(_received(request), pk=pk)
    decide(request, lambda: services.delegation_accept(delegation=delegation, actor=request.user),
           _("The request is accepted: the organisation is now an information provider of the system."))
    return redirect("integrations:received_detail", pk=pk)


@organisation_required(NAV)
@require_POST
def received_reject(request, pk):
    delegation = get_object_or_404(_received(request), pk=pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return received_detail(request, pk, reject_form=form)
    decide(request, lambda: services.delegation_reject(delegation=delegation, actor=request.user,
                                                       reason=form.cleaned_data["reason"]),
           _("The request is rejected; the organisation has been told why."))
    return redirect("integrations:received_detail", pk=pk)
