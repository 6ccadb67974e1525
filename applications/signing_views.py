"""The applicant's signing page: sign each document with the CryptoPro plug-in, or upload detached
.sig/.p7s files made elsewhere; the portal verifies each one and reports it at once."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.esia.services import esia_identification
from accounts.forms import PhoneCodeForm
from applications import simple_signing
from applications.models import Status
from applications.signatures import documents_to_sign, signature_add, signed_files
from applications.views import _get_application_for_user
from audit.access import record_access
from portal.phones import format_phone
from portal.zipstream import zip_response
from signing.posted import Intake, SignatureRefused, receive_signature
from signing.services import SignOutcome
from signing.simple import AGREEMENT_VERSION, SimpleSignatureRefused, current_consent, simple_signature_consent_accept


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
        "simple_allowed": simple_signing.simple_signature_allowed(application),
        "simple_act": simple_signing.act_of(application),
        "esia_identified": esia_identification(request) is not None,
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
    record_access(request, application, what="zip")
    return zip_response(signed_files(application), f"{application.number or application.pk}-signed.zip")


@login_required
def sign_simple(request, pk):
    """«Подписать простой электронной подписью» (individuals): accept the agreement once, get the SMS
    code, enter it; or, for a person identified by a recent confirmed ESIA login, sign at once («простая
    ЭП, подтверждённая через Госуслуги»). Every step is a POST with `action` (accept / send / confirm /
    esia) back to this page."""
    application = _get_application_for_user(request, pk)
    if not simple_signing.simple_signature_allowed(application):
        raise Http404
    form = PhoneCodeForm(request.POST if request.POST.get("action") == "confirm" else None)
    if request.method == "POST":
        done = _simple_step(request, application, request.POST.get("action"), form)
        if done is not None:
            return done
    return render(request, "applications/sign_simple.html", {
        "application": application, "nav": "applications", "form": form,
        "consent": current_consent(request.user), "agreement_version": AGREEMENT_VERSION,
        "act": simple_signing.act_of(application), "can_sign": application.status == Status.AWAITING_SIGNATURE,
        "code_sent": request.session.get(_code_key(pk)) is not None,
        "esia": _identification(request), "esia_identified": esia_identification(request) is not None,
        "esia_max_age": settings.ESIA_SIGNATURE_MAX_AGE_MINUTES,
    })


def _identification(request):
    return esia_identification(request, max_age_minutes=settings.ESIA_SIGNATURE_MAX_AGE_MINUTES)


def _code_key(pk):
    return f"simple-signature-code-{pk}"


def _simple_step(request, application, action, form):
    """A redirect when a step is done, None to show the page again (with the form's errors)."""
    ip_address = request.META.get("REMOTE_ADDR")
    try:
        if action == "accept":
            simple_signature_consent_accept(user=request.user, ip_address=ip_address)
        elif action == "send":
            simple_signing.application_simple_code_send(application=application, user=request.user)
            request.session[_code_key(application.pk)] = True
            messages.success(request, _("The code has been sent by SMS to %(phone)s.")
                             % {"phone": format_phone(request.user.phone)})
        elif action == "esia":
            act = simple_signing.application_sign_simple_esia(
                application=application, user=request.user, identification=_identification(request),
                ip_address=ip_address)
            messages.success(request, _("The application is signed with a simple e-signature confirmed through "
                                        "Gosuslugi (act No. %(number)s).") % {"number": act.pk})
            return redirect("applications:detail", pk=application.pk)
        elif action == "confirm":
            if not form.is_valid():
                return None
            act = simple_signing.application_sign_simple(application=application, user=request.user,
                                                         code=form.cleaned_data["code"], ip_address=ip_address)
            request.session.pop(_code_key(application.pk), None)
            messages.success(request, _("The application is signed with a simple e-signature (act No. %(number)s).")
                             % {"number": act.pk})
            return redirect("applications:detail", pk=application.pk)
    except SimpleSignatureRefused as refusal:
        messages.error(request, str(refusal))
        if action == "confirm":
            return None  # keep what was typed on the page
    return redirect("applications:sign_simple", pk=application.pk)
