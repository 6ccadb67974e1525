"""The municipal reviewer's pages, reached from the staff dashboard (reviewers are not Django staff):
the queue with filters and search, and one agreement with its requisites, signature report and the
accept / reject / terminate decisions."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements import services
from agreements.forms import ReasonForm, StaffFilterForm
from agreements.models import Agreement, Status, TransitionNotAllowed
from agreements.organisation import contact_email_taken
from portal.reviewing import by_deadline, permission_required

reviewer_required = permission_required("agreements.change_agreement")


def _get_agreement_for_reviewer(request, pk):
    queryset = Agreement.objects.for_reviewer(request.user).select_related("template", "organisation")
    return get_object_or_404(queryset, pk=pk)


@reviewer_required
def agreement_list(request):
    form = StaffFilterForm(request.GET or None)
    rows = Agreement.objects.for_reviewer(request.user).order_by("due_date", "-submitted_at")
    if form.is_valid():
        if form.cleaned_data["status"]:
            rows = rows.filter(status=form.cleaned_data["status"])
        rows = by_deadline(rows.search(form.cleaned_data["q"]), form.cleaned_data["deadline"])
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    return render(request, "agreements/staff/list.html", {"form": form, "page": page, "nav": "staff",
                                                          "today": timezone.localdate()})


@reviewer_required
def agreement_review(request, pk, reason_forms=None):
    agreement = _get_agreement_for_reviewer(request, pk)
    report = agreement.signature_report or {}
    signers = report.get("signers") or []
    return render(request, "agreements/staff/detail.html", {
        "agreement": agreement, "nav": "staff", "events": agreement.events.select_related("actor"),
        "identity": (signers[0].get("identity") or {}) if signers else {},
        # Said before the reviewer decides: accepting would be refused (see services.agreement_accept).
        "email_taken": agreement.status == Status.SUBMITTED and contact_email_taken(agreement),
        "reject_form": (reason_forms or {}).get("reject") or ReasonForm(prefix="reject"),
        "terminate_form": (reason_forms or {}).get("terminate") or ReasonForm(prefix="terminate"),
    })


def _lost_race(request, error):
    messages.error(request, _("Not done: the agreement is already “%(status)s” — someone acted before you.")
                   % {"status": error.status})


@reviewer_required
@require_POST
def agreement_accept(request, pk):
    agreement = _get_agreement_for_reviewer(request, pk)
    try:
        services.agreement_accept(agreement=agreement, actor=request.user)
    except TransitionNotAllowed as error:
        _lost_race(request, error)
    except services.AgreementRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The agreement %(number)s is concluded; the login and the link to set the "
                                    "password have been sent to %(email)s.")
                         % {"number": agreement.number, "email": agreement.email})
    return redirect("agreements:staff_review", pk=pk)


def _decide(request, pk, action, done_message):
    agreement = _get_agreement_for_reviewer(request, pk)
    form = ReasonForm(request.POST, prefix=action)
    if not form.is_valid():
        return agreement_review(request, pk, reason_forms={action: form})
    try:
        getattr(services, f"agreement_{action}")(agreement=agreement, actor=request.user,
                                                 reason=form.cleaned_data["reason"])
    except TransitionNotAllowed as error:
        _lost_race(request, error)
    else:
        messages.success(request, done_message)
    return redirect("agreements:staff_review", pk=pk)


@reviewer_required
@require_POST
def agreement_reject(request, pk):
    return _decide(request, pk, "reject", _("The agreement has been rejected; the organisation has been told why."))


@reviewer_required
@require_POST
def agreement_terminate(request, pk):
    return _decide(request, pk, "terminate", _("The agreement has been terminated."))
