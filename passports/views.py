"""The organisation's pages: its served buildings, its passports, the passport form, the check, the
signature and sending. Every passport URL answers 404 for another organisation's passport."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from addresses.models import Address, ServedAddress
from passports import services
from passports.access import get_passport_for_organisation, organisation_required
from passports.choices import IN_WORK, Status
from passports.forms import OrganisationFilterForm, PassportForm, SignatureUploadForm, SystemForm
from passports.models import Passport, TransitionNotAllowed
from signing.posted import Intake, SignatureRefused, receive_signature


@organisation_required
def building_list(request):
    """Buildings served today, each with its passport in work and its accepted one (two queries)."""
    served = list(ServedAddress.objects.of_organisation(request.user).current(timezone.localdate())
                  .select_related("address").order_by("address__search_text"))
    passports = Passport.objects.filter(address__in=[s.address_id for s in served]).filter(
        status__in=[*IN_WORK, Status.ACCEPTED]).order_by("created_at")
    in_work, accepted = {}, {}
    for passport in passports:
        if passport.status == Status.ACCEPTED:
            accepted[passport.address_id] = passport
        elif passport.organisation_id == request.user.pk:
            in_work[passport.address_id] = passport
    rows = [(s, in_work.get(s.address_id), accepted.get(s.address_id)) for s in served]
    return render(request, "passports/buildings.html", {"rows": rows, "nav": "passports"})


@organisation_required
def passport_list(request):
    form = OrganisationFilterForm(request.GET or None)
    rows = Passport.objects.of_organisation(request.user).select_related("address")
    if form.is_valid():
        if form.cleaned_data["status"]:
            rows = rows.filter(status=form.cleaned_data["status"])
        rows = rows.search(form.cleaned_data["q"])
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    return render(request, "passports/list.html", {"form": form, "page": page, "nav": "passports"})


@organisation_required
@require_POST
def passport_create(request, address_id):
    address = get_object_or_404(Address, pk=address_id)
    try:
        passport = services.passport_create(organisation=request.user, address=address)
    except services.PassportRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("passports:buildings")
    messages.success(request, _("The passport draft is created; fill in its sections."))
    return redirect("passports:edit", pk=passport.pk)


def _system_forms(passport, data=None):
    return [(system, SystemForm(data, instance=system, prefix=system.kind)) for system in passport.systems_in_order()]


@organisation_required
def passport_edit(request, pk):
    passport = get_passport_for_organisation(request, pk)
    if not passport.is_editable:
        messages.error(request, _("The passport is “%(status)s” and can no longer be edited.")
                       % {"status": passport.get_status_display()})
        return redirect("passports:detail", pk=pk)
    data = request.POST if request.method == "POST" else None
    form, system_forms = PassportForm(data, instance=passport), _system_forms(passport, data)
    if data is not None:
        if form.is_valid() and all(f.is_valid() for _system, f in system_forms):
            return _save(request, passport, form, system_forms)
        messages.error(request, _("The passport is not saved: correct the fields marked in red."))
    return render(request, "passports/edit.html", {"passport": passport, "form": form,
                                                   "system_forms": system_forms, "nav": "passports"})


def _save(request, passport, form, system_forms):
    try:
        services.passport_update(passport=passport, general=form.cleaned_data,
                                 systems={system.kind: f.cleaned_data for system, f in system_forms})
    except services.PassportRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The passport is saved. Check it when it is complete."))
    return redirect("passports:detail", pk=passport.pk)


@organisation_required
def passport_detail(request, pk, problems=None, upload_form=None):
    passport = get_passport_for_organisation(request, pk)
    return render(request, "passports/detail.html", {
        "passport": passport, "systems": passport.systems_in_order(), "problems": problems or [],
        "events": passport.events.select_related("actor"), "nav": "passports",
        "upload_form": upload_form or SignatureUploadForm(),
        "sign_url": reverse("passports:sign", args=[pk]),
        "plugin_documents": [{"id": passport.pk, "size": len(passport.content_bytes),
                              "name": _("House passport (%(name)s)") % {"name": _file_name(passport)},
                              "content_url": reverse("passports:content", args=[pk])}],
    }, status=400 if problems else 200)


def _file_name(passport):
    return f"passport-{passport.pk}.json"


@organisation_required
def passport_content(request, pk):
    """The exact bytes that are (or were) signed."""
    passport = get_passport_for_organisation(request, pk)
    return content_response(passport)


def content_response(passport):
    if not passport.content:
        return HttpResponse(_("The passport has not been checked yet: there is nothing to sign."), status=404,
                            content_type="text/plain; charset=utf-8")
    response = HttpResponse(passport.content_bytes, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(passport)}"'
    return response


def _lost_race(request, error):
    messages.error(request, _("Not done: the passport is already “%(status)s”.") % {"status": error.status})


@organisation_required
@require_POST
def passport_validate(request, pk):
    passport = get_passport_for_organisation(request, pk)
    try:
        services.passport_validate(passport=passport, actor=request.user)
    except services.PassportInvalid as invalid:
        messages.error(request, _("The passport did not pass the check: see the list of problems."))
        return passport_detail(request, pk, problems=invalid.problems)
    except TransitionNotAllowed as error:
        _lost_race(request, error)
    else:
        messages.success(request, _("The passport passed the check. Now sign it."))
    return redirect("passports:detail", pk=pk)


@organisation_required
@require_POST
def passport_reopen(request, pk):
    passport = get_passport_for_organisation(request, pk)
    try:
        services.passport_reopen(passport=passport, actor=request.user)
    except TransitionNotAllowed as error:
        _lost_race(request, error)
        return redirect("passports:detail", pk=pk)
    return redirect("passports:edit", pk=pk)


@organisation_required
@require_POST
def passport_sign(request, pk):
    """The plug-in posts base64 and wants JSON; the fallback form uploads a .sig file."""
    passport = get_passport_for_organisation(request, pk)
    return receive_signature(request, Intake(
        accept=lambda data: _passport_sign(request, passport, data), page=reverse("passports:detail", args=[pk]),
        on_form_errors=lambda form: passport_detail(request, pk, upload_form=form),
        refusals=(services.PassportRefused,),
        success=lambda summary: _("The passport is signed. %(summary)s Now send it to the municipality.")
        % {"summary": summary}))


def _passport_sign(request, passport, data):
    try:
        return services.passport_sign(passport=passport, actor=request.user, data=data)
    except TransitionNotAllowed as error:
        status = error.status
        raise SignatureRefused(_("Not done: the passport is already “%(status)s”.") % {"status": status}) from None


@organisation_required
@require_POST
def passport_send(request, pk):
    passport = get_passport_for_organisation(request, pk)
    try:
        services.passport_send(passport=passport, actor=request.user)
    except services.PassportRefused as refusal:
        messages.error(request, str(refusal))
    except TransitionNotAllowed as error:
        _lost_race(request, error)
    else:
        passport.refresh_from_db()
        messages.success(request, _("The passport %(number)s is sent to the municipality; the review is due by "
                                    "%(date)s.") % {"number": passport.number,
                                                    "date": passport.due_date.strftime("%d.%m.%Y")})
    return redirect("passports:detail", pk=pk)
