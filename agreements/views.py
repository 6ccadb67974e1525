"""The public "conclude an agreement" pages. There is no login yet, so a draft belongs to the browser
session that started it: its id is kept in the session and anyone else gets a 404."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements.document import agreement_pdf
from agreements.forms import REQUISITES, RequisitesForm, SignatureUploadForm
from agreements.models import Agreement, Status
from agreements.services import AgreementRefused, agreement_sign, agreement_start
from signing.posted import Intake, receive_signature

SESSION_KEY = "agreements.mine"


def _get_agreement_for_session(request, token):
    mine = request.session.get(SESSION_KEY, [])
    agreement = get_object_or_404(Agreement.objects.select_related("template"), token=token)
    if agreement.pk not in mine:
        raise Http404
    return agreement


def _remember(request, agreement):
    request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, []), agreement.pk][-20:]


def agreement_new(request):
    return _requisites_page(request)


def agreement_renew(request, token):
    """«Заключить заново»: the requisites form prefilled from a rejected agreement. The link comes in
    the rejection e-mail to the contact address (the token, a random UUID, is its key); any other
    agreement, or an unknown token, is a 404."""
    rejected = get_object_or_404(Agreement, token=token, status=Status.REJECTED)
    return _requisites_page(request, rejected=rejected)


def _requisites_page(request, rejected=None):
    initial = {name: getattr(rejected, name) for name in REQUISITES} if rejected else None
    form = RequisitesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        requisites = {**form.cleaned_data, "kind": form.instance.kind}
        try:
            agreement = agreement_start(requisites=requisites)
        except AgreementRefused as refusal:
            messages.error(request, str(refusal))
        else:
            _remember(request, agreement)
            return redirect("agreements:detail", token=agreement.token)
    return render(request, "agreements/new.html", {"form": form, "nav": "agreements", "rejected": rejected})


def agreement_detail(request, token, upload_form=None):
    agreement = _get_agreement_for_session(request, token)
    can_sign = agreement.status == Status.DRAFT
    return render(request, "agreements/detail.html", {
        "agreement": agreement, "can_sign": can_sign, "nav": "agreements",
        "upload_form": upload_form or SignatureUploadForm(),
        "sign_url": reverse("agreements:sign", args=[token]),
        "plugin_documents": [{"id": agreement.pk, "name": _("Agreement text (%(name)s)") % {"name": "agreement.txt"},
                              "size": len(agreement.text_bytes),
                              "content_url": reverse("agreements:text", args=[token])}],
        "events": agreement.events.all(),
    })


def agreement_text(request, token):
    """The exact bytes that are signed."""
    agreement = _get_agreement_for_session(request, token)
    response = HttpResponse(agreement.text_bytes, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="agreement.txt"'
    return response


def agreement_pdf_download(request, token):
    agreement = _get_agreement_for_session(request, token)
    response = HttpResponse(agreement_pdf(agreement), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="agreement.pdf"'
    return response


@require_POST
def agreement_sign_submit(request, token):
    """The plug-in posts base64 and wants JSON; the fallback form uploads a .sig file."""
    agreement = _get_agreement_for_session(request, token)
    return receive_signature(request, Intake(
        accept=lambda data: agreement_sign(agreement=agreement, data=data),
        page=reverse("agreements:detail", kwargs={"token": agreement.token}),
        on_form_errors=lambda form: agreement_detail(request, token, upload_form=form),
        success=lambda summary: _("The agreement is signed and sent for review. %(summary)s") % {"summary": summary}))
