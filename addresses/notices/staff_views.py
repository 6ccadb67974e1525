"""The municipal reviewer's notice pages: the queue with filters and search, one notice with its
addresses (flagged when another organisation serves them), basis, signature report and history, and
the decision: each address confirmed or rejected, all in one POST."""


from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from addresses.notices import services as services
from addresses.notices.choices import NoticeStatus
from addresses.notices.forms import DecisionForm, NoticeFilterForm
from addresses.notices.models import Notice
from portal.reviewing import by_deadline, permission_required
from portal.workflow import TransitionNotAllowed

NAV = "staff"


reviewer_required = permission_required("addresses.change_notice")


def _get_notice_for_reviewer(request, pk):
    return get_object_or_404(Notice.objects.for_reviewer(request.user).select_related("organisation"), pk=pk)


@reviewer_required
def notice_queue(request):
    form = NoticeFilterForm(request.GET or None)
    rows = (Notice.objects.for_reviewer(request.user).with_conflicts().prefetch_related("items__address")
            .order_by("due_date", "-sent_at", "-pk"))
    if form.is_valid():
        data = form.cleaned_data
        rows = rows.filter(**{name: data[name] for name in ("status", "kind") if data[name]})
        rows = by_deadline(rows.search(data["q"]), data["deadline"])
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    return render(request, "addresses/staff/list.html", {"form": form, "page": page, "nav": NAV,
                                                         "today": timezone.localdate()})


@reviewer_required
def notice_review(request, pk, form=None):
    notice = _get_notice_for_reviewer(request, pk)
    return _review_page(request, notice, form)


def _review_page(request, notice, form=None):
    """The notice page; `form` is a bound decision form to show again with its errors and values."""
    others = services.served_elsewhere(notice)
    signers = (notice.signature_report or {}).get("signers") or []
    items = list(notice.items.select_related("address"))
    form = form or DecisionForm(items=items)
    return render(request, "addresses/staff/detail.html", {
        "notice": notice, "nav": NAV, "events": notice.events.select_related("actor"),
        "items": [(item, others.get(item.address_id, [])) for item in items],
        "identity": (signers[0].get("identity") or {}) if signers else {},
        "form": form,
        "decision_rows": [(item, others.get(item.address_id, []), decision, reason)
                          for item, decision, reason in form.rows()],
    })


def _lost_race(request, error):
    messages.error(request, _("Not done: the notice is already “%(status)s” — someone acted before you.")
                   % {"status": error.status})


@reviewer_required
@require_POST
def notice_decide(request, pk):
    """One POST decides every address; an incomplete form comes back with what was entered."""
    notice = _get_notice_for_reviewer(request, pk)
    if notice.status != NoticeStatus.SENT:
        # Decided meanwhile (or a draft): the form posted from a stale page has nothing left to decide.
        _lost_race(request, TransitionNotAllowed(notice, "decide"))
        return redirect("addresses:staff_notice", pk=notice.pk)
    form = DecisionForm(request.POST, items=list(notice.items.select_related("address")))
    if not form.is_valid():
        return _review_page(request, notice, form)
    try:
        services.notice_decide(notice=notice, actor=request.user, decisions=form.decisions(),
                               comment=form.cleaned_data["comment"])
    except TransitionNotAllowed as error:
        _lost_race(request, error)
    except services.NoticeRefused as refusal:
        form.add_error(None, str(refusal))
        return _review_page(request, notice, form)
    else:
        messages.success(request, _("The decision is recorded: the notice is now “%(status)s”; the "
                                    "organisation is told by e-mail.") % {"status": notice.get_status_display()})
    return redirect("addresses:staff_notice", pk=notice.pk)
