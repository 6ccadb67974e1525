"""The municipal reviewer's pages, reached from the staff dashboard: the passport queue with filters and
search, and one passport with its sections, signature report, the building's previous accepted passport
and the accept / return decisions."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passports import services
from passports.access import get_passport_for_reviewer, reviewer_required
from passports.forms import RemarksForm, StaffFilterForm
from passports.models import Passport, TransitionNotAllowed
from passports.views import content_response
from portal.reviewing import by_deadline


@reviewer_required
def passport_queue(request):
    form = StaffFilterForm(request.GET or None)
    rows = (Passport.objects.for_reviewer(request.user).select_related("address", "organisation")
            .order_by("due_date", "-sent_at", "-pk"))
    if form.is_valid():
        if form.cleaned_data["status"]:
            rows = rows.filter(status=form.cleaned_data["status"])
        rows = by_deadline(rows.search(form.cleaned_data["q"]), form.cleaned_data["deadline"])
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    return render(request, "passports/staff/list.html", {"form": form, "page": page, "nav": "staff",
                                                         "today": timezone.localdate()})


@reviewer_required
def passport_review(request, pk, remarks_form=None):
    passport = get_passport_for_reviewer(request, pk)
    report = passport.signature_report or {}
    signers = report.get("signers") or []
    current = Passport.objects.accepted_for(passport.address_id).exclude(pk=passport.pk).first()
    return render(request, "passports/staff/detail.html", {
        "passport": passport, "systems": passport.systems_in_order(), "nav": "staff",
        "events": passport.events.select_related("actor"), "current_accepted": current,
        "identity": (signers[0].get("identity") or {}) if signers else {},
        "remarks_form": remarks_form or RemarksForm(),
    }, status=400 if remarks_form else 200)


@reviewer_required
def passport_staff_content(request, pk):
    return content_response(get_passport_for_reviewer(request, pk))


def _lost_race(request, error):
    messages.error(request, _("Not done: the passport is already “%(status)s” — someone acted before you.")
                   % {"status": error.status})


@reviewer_required
@require_POST
def passport_accept(request, pk):
    passport = get_passport_for_reviewer(request, pk)
    try:
        services.passport_accept(passport=passport, actor=request.user)
    except TransitionNotAllowed as error:
        _lost_race(request, error)
    except services.PassportRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The passport %(number)s is accepted; the organisation has been told.")
                         % {"number": passport.number})
    return redirect("passports:staff_review", pk=pk)


@reviewer_required
@require_POST
def passport_return(request, pk):
    passport = get_passport_for_reviewer(request, pk)
    form = RemarksForm(request.POST)
    if not form.is_valid():
        return passport_review(request, pk, remarks_form=form)
    try:
        services.passport_return(passport=passport, actor=request.user, remarks=form.cleaned_data["remarks"])
    except TransitionNotAllowed as error:
        _lost_race(request, error)
    except services.PassportRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The passport is returned for revision; the organisation has the remarks."))
    return redirect("passports:staff_review", pk=pk)
