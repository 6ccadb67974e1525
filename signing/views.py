"""Pages: the plug-in check («Проверка ЭП»), signature verification with its stored report, and the
test document the check page lets people sign to see that everything works end to end."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.access import record_access
from audit.middleware import client_ip

from . import report_view
from .forms import PluginSignatureForm, VerifyForm
from .models import SignatureVerification
from .services import verification_record, verify_detached
from .templatetags.signing_tags import vendor_script_present

PLUGIN_INSTALL_URL = "https://cpdn.cryptopro.ru/content/cades/plugin-installation-windows.html"
TEST_DOCUMENT_ID = "test"
# Fixed bytes, so that anybody can check the signature they made of it elsewhere too.
TEST_DOCUMENT = ("Проверка электронной подписи на портале подключения.\n"
                 "Этот текст подписывается только для проверки, он ни к чему не обязывает.\n").encode()
TEST_DOCUMENT_NAME = "Проверка ЭП.txt"


def _get_verification_for_user(request, pk):
    return get_object_or_404(SignatureVerification.objects.for_user(request.user), pk=pk)


def check(request):
    documents = [{"id": TEST_DOCUMENT_ID, "name": TEST_DOCUMENT_NAME, "size": len(TEST_DOCUMENT),
                  "content_url": reverse("signing:test_document")}]
    return render(request, "signing/check.html", {
        "nav": "signing", "install_url": PLUGIN_INSTALL_URL, "vendor_script_present": vendor_script_present(),
        "sign_url": reverse("signing:test_sign"), "documents": documents,
    })


def test_document(request):
    response = HttpResponse(TEST_DOCUMENT, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = "inline"
    return response


@require_POST
def test_sign(request):
    """The plug-in signer's answer for the test document; a logged-in person also gets a stored report."""
    form = PluginSignatureForm(request.POST)
    if not form.is_valid() or form.cleaned_data["document_id"] != TEST_DOCUMENT_ID:
        return JsonResponse({"ok": False, "valid": False, "summary": _("The request is incomplete.")}, status=400)
    signature = form.cleaned_data["signature"]
    if not request.user.is_authenticated:  # an anonymous trial is answered, not kept, and limited
        if _anonymous_limit_reached(request):
            return JsonResponse({"ok": False, "valid": False, "summary": _(
                "Too many checks from your address: try again in an hour, or log in.")}, status=429)
        result = verify_detached(TEST_DOCUMENT, signature)
        return JsonResponse({"ok": True, "valid": result.valid, "summary": result.summary})
    record = verification_record(TEST_DOCUMENT, signature, user=request.user, document_name=TEST_DOCUMENT_NAME)
    return JsonResponse({"ok": True, "valid": record.is_valid, "summary": record.summary,
                         "report_url": reverse("signing:report", args=[record.pk])})


def _anonymous_limit_reached(request):
    """A fixed window per client address for visitors who are not logged in (the check hashes big files),
    shared by the verify page and the plug-in's test signature. The address is the client's, not the TLS
    proxy's (audit.middleware.client_ip): REMOTE_ADDR behind the proxy put every visitor in one window."""
    if not getattr(settings, "RATE_LIMITS_ENABLED", True):
        return False
    key = "signing-verify-anonymous:%s" % client_ip(request)
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > getattr(settings, "SIGNING_ANONYMOUS_CHECKS_PER_HOUR", 20)


def verify(request):
    """«Проверить подпись»: open to everybody. A logged-in person's checks are kept (with a report page of
    their own); a visitor's are shown at once and not stored, a limited number an hour."""
    form = VerifyForm(request.POST, request.FILES) if request.method == "POST" else VerifyForm()
    anonymous = not request.user.is_authenticated
    if form.is_bound and anonymous and _anonymous_limit_reached(request):
        messages.error(request, _("Too many checks from your address: try again in an hour, or log in."))
    elif form.is_bound and form.is_valid():
        document = form.cleaned_data.get("document")
        record = verification_record(
            document, form.signature_source(), user=request.user, save=not anonymous,
            document_name=document.name if document is not None else "",
        )
        if anonymous:
            return render(request, "signing/report.html", _report_context(record))
        return redirect("signing:report", pk=record.pk)
    elif form.is_bound:
        messages.error(request, _("Nothing was checked: see the notes next to the fields."))
    recent = [] if anonymous else SignatureVerification.objects.for_user(request.user)[:10]
    return render(request, "signing/verify.html", {"nav": "signing", "form": form, "recent": recent,
                                                   "anonymous": anonymous})


def _report_context(record):
    return {"nav": "signing", "record": record, "signers": report_view.signers(record.report),
            "notes": (record.report or {}).get("notes", []), "kept": record.pk is not None}


@login_required
def report(request, pk):
    record = _get_verification_for_user(request, pk)
    record_access(request, record, what="signature_report")
    return render(request, "signing/report.html", _report_context(record))
