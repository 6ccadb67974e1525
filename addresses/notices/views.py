"""The organisation's pages: its served addresses and its notices (list, new/edit, page with signing).

Only an account with an interaction agreement in force gets in; anyone else is told politely that an
agreement is needed. A notice of another organisation is a 404, never a 403: its existence is not told.
"""


from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from addresses.models import ServedAddress
from addresses.notices import services as services
from addresses.notices.choices import NoticeStatus
from addresses.notices.forms import NoticeForm
from addresses.notices.models import Notice
from agreements.access import organisation_required as organisation_required_for
from agreements.forms import SignatureUploadForm
from signing.posted import Intake, receive_signature

NAV = "addresses"


organisation_required = organisation_required_for(NAV)


def _get_notice_for_organisation(request, pk):
    return get_object_or_404(Notice.objects.for_organisation(request.user), pk=pk)


@organisation_required
def served_list(request):
    rows = list(ServedAddress.objects.of_organisation(request.user).select_related("address")
                .order_by("address__search_text", "-starts_on"))
    return render(request, "addresses/organisation/served_list.html", {
        "nav": NAV, "today": timezone.localdate(),
        "current": [row for row in rows if row.ends_on is None],
        "ended": [row for row in rows if row.ends_on is not None],
    })


@organisation_required
def notice_list(request):
    rows = Notice.objects.for_organisation(request.user).prefetch_related("items__address")
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    return render(request, "addresses/notices/list.html", {"nav": NAV, "page": page})


def _save(request, form, notice=None):
    """The notice saved from a valid form, or None with the refusal shown on the form."""
    fields = {name: form.cleaned_data[name] for name in services.NOTICE_FIELDS}
    try:
        if notice is None:
            return services.notice_create(organisation=request.user, addresses=form.ordered_addresses(), **fields)
        return services.notice_update(notice=notice, addresses=form.ordered_addresses(), **fields)
    except services.NoticeRefused as refusal:
        form.add_error(None, str(refusal))
        return None


@organisation_required
def notice_new(request):
    form = NoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        notice = _save(request, form)
        if notice is not None:
            messages.success(request, _("The draft is saved. Check it and sign it to send it to the municipality."))
            return redirect("addresses:notice", pk=notice.pk)
    return render(request, "addresses/notices/form.html", {"nav": NAV, "form": form})


@organisation_required
def notice_edit(request, pk):
    notice = _get_notice_for_organisation(request, pk)
    if notice.status != NoticeStatus.DRAFT:
        messages.error(request, _("The notice has already been sent and can no longer be changed."))
        return redirect("addresses:notice", pk=pk)
    initial = {name: getattr(notice, name) for name in services.NOTICE_FIELDS}
    initial["addresses"] = list(notice.items.values_list("address_id", flat=True))
    form = NoticeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _save(request, form, notice) is not None:
        messages.success(request, _("The draft is saved."))
        return redirect("addresses:notice", pk=pk)
    return render(request, "addresses/notices/form.html", {"nav": NAV, "form": form, "notice": notice})


@organisation_required
def notice_detail(request, pk, upload_form=None):
    notice = _get_notice_for_organisation(request, pk)
    sign_url = reverse("addresses:notice_sign", args=[pk])
    return render(request, "addresses/notices/detail.html", {
        "nav": NAV, "notice": notice, "can_sign": notice.status == NoticeStatus.DRAFT,
        "items": notice.items.select_related("address"), "events": notice.events.select_related("actor"),
        "upload_form": upload_form or SignatureUploadForm(), "sign_url": sign_url,
        "plugin_documents": [{"id": notice.pk, "name": _("Notice text (%(name)s)") % {"name": "notice.txt"},
                              "size": len(notice.text_bytes),
                              "content_url": reverse("addresses:notice_text", args=[pk])}],
    })


@organisation_required
def notice_text(request, pk):
    """The exact bytes that are signed."""
    notice = _get_notice_for_organisation(request, pk)
    response = HttpResponse(notice.text_bytes, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="notice.txt"'
    return response


@organisation_required
@require_POST
def notice_sign(request, pk):
    """The plug-in posts base64 and wants JSON; the fallback form uploads a .sig file."""
    notice = _get_notice_for_organisation(request, pk)
    return receive_signature(request, Intake(
        accept=lambda data: services.notice_sign(notice=notice, data=data), page=reverse("addresses:notice", args=[pk]),
        on_form_errors=lambda form: notice_detail(request, pk, upload_form=form),
        success=lambda summary: _("The notice %(number)s is signed and sent to the municipality. %(summary)s") % {
            "number": Notice.objects.get(pk=pk).number, "summary": summary}))
