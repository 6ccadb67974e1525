"""The applicant's signing page: sign each document with the CryptoPro plug-in, or upload detached
.sig/.p7s files made elsewhere; the portal verifies each one and reports it at once."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applications.models import Status
from applications.signatures import documents_to_sign, signature_add, signed_files
from applications.views import _get_application_for_user
from portal.zipstream import zip_response
from signing.posted import Intake, SignatureRefused, receive_signature
from signing.services import SignOutcome


@login_required
def sign_page(request, pk):
    application = _get_application_for_user(request, pk)
    documents = list(documents_to_sign(application))
    rows = [{"document": document, "signature": _latest(document)} for document in documents]
    plugin_documents = [{"id": d.pk, "name": d.original_name, "size": d.size,
                         "content_url": reverse("applications:document_download", args=[pk, d.pk])}
                        for d in documents]
    return render(request, "applications/sign.html", {
        "application": application, "rows": rows, "nav": "applications", "plugin_documents": plugin_documents,
        "sign_url": reverse("applications:sign_submit", args=[pk]),
        "can_sign": application.status == Status.AWAITING_SIGNATURE,
    })


def _latest(document):
    signatures = sorted(document.signatures.all(), key=lambda s: s.created_at, reverse=True)
    return signatures[0] if signatures else None


@login_required
@require_POST
def sign_submit(request, pk):
    application = _get_application_for_user(request, pk)
    return receive_signature(request, Intake(
        accept=lambda data: _accept(request, application, data), page=reverse("applications:sign", args=[pk]),
        done_url=reverse("applications:detail", args=[pk]),
        done_message=_("All documents are signed: the application is “Signed”.")))


def _accept(request, application, data):
    if application.status != Status.AWAITING_SIGNATURE:
        raise SignatureRefused(_("The application is not waiting for a signature."))
    document_id = request.POST.get("document_id", "")
    document = documents_to_sign(application).filter(pk=int(document_id)).first() if document_id.isdigit() else None
    if document is None:
        raise SignatureRefused(_("Choose the document the signature belongs to."))
    signature, signed = signature_add(document=document, data=data, actor=request.user)
    return SignOutcome(signature.is_valid, signature.summary, done=signed)


@login_required
def signed_zip(request, pk):
    """Seed 003 "Скачать файлы": the documents together with their signature files."""
    application = _get_application_for_user(request, pk)
    return zip_response(signed_files(application), f"{application.number or application.pk}-signed.zip")
