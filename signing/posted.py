"""The one way in for posted signatures (applications, agreements, notices, passports): the CryptoPro
plug-in's base64 text or an uploaded .sig/.p7s file, turned into bytes, handed to the domain's use
case, and answered as JSON (the plug-in signer) or as a message and a redirect (the upload form).

A domain view is a few lines:

    return receive_signature(request, Intake(
        accept=lambda data: services.notice_sign(notice=notice, data=data),
        page=reverse("addresses:notice", args=[pk]),
        on_form_errors=lambda form: notice_detail(request, pk, upload_form=form),
        success=lambda summary: _("The notice … %(summary)s") % {"summary": summary}))
"""

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.workflow import Refused

MAX_SIGNATURE_BYTES = 1024 * 1024


class SignatureRefused(Refused):
    """The signature could not even be read as one (empty, too large, not base64 or DER), or the
    domain refuses to take one now."""


class SignatureUploadForm(forms.Form):
    """The fallback form beside the plug-in signer: a .sig/.p7s file made elsewhere."""
    signature_file = forms.FileField(
        label=gettext_lazy("Signature file (.sig, .p7s)"),
        error_messages={"required": gettext_lazy("Choose a signature file (.sig or .p7s)."),
                        "empty": gettext_lazy("The signature file is empty.")})


def signature_bytes(*, text="", upload=None):
    """What the plug-in posts (base64 text, maybe with line breaks) or a .sig/.p7s file, as bytes."""
    if upload is not None:
        if upload.size > MAX_SIGNATURE_BYTES:
            raise SignatureRefused(_("A signature file cannot be larger than 1 MB."))
        data = upload.read()
    else:
        try:
            data = base64.b64decode("".join(text.split()), validate=True)
        except (binascii.Error, ValueError):
            raise SignatureRefused(_("The signature is not in base64: sign again.")) from None
    if not data:
        raise SignatureRefused(_("The signature is empty."))
    return data


@dataclass(frozen=True)
class Intake:
    """What a domain tells the intake.

    accept(data) -> an outcome with `.valid` and `.summary` (and optionally `.done`: the whole signing
    step is finished); it may raise SignatureRefused or one of `refusals`, whose text is shown.
    page: the URL the upload form returns to. done_url: where to go once `.done`.
    on_form_errors(form): the page again with the upload form's errors (upload form only).
    success(summary): the text shown for an accepted signature.
    """
    accept: Callable
    page: str
    on_form_errors: Callable | None = None
    success: Callable = field(default=lambda summary: summary)
    refusals: tuple = ()
    done_url: str = ""
    done_message: str = ""


def _wants_json(request):
    return request.headers.get("Accept", "").startswith("application/json")


def receive_signature(request, intake: Intake):
    """Read the posted signature, hand it to `intake.accept`, answer. A refusal is `ok: false` (400)."""
    wants_json = _wants_json(request)
    upload = request.FILES.get("signature_file")
    text = request.POST.get("signature", "")
    if not wants_json and not text.strip():
        form = SignatureUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            if intake.on_form_errors is not None:
                return intake.on_form_errors(form)
            return _answer(request, intake, wants_json, ok=False, summary=" ".join(form.errors["signature_file"]))
    try:
        outcome = intake.accept(signature_bytes(text=text, upload=upload))
    except (SignatureRefused, *intake.refusals) as refusal:
        return _answer(request, intake, wants_json, ok=False, summary=str(refusal))
    summary = intake.success(outcome.summary) if outcome.valid else outcome.summary
    return _answer(request, intake, wants_json, ok=True, valid=outcome.valid, summary=summary,
                   done=bool(getattr(outcome, "done", False)))


def _answer(request, intake, wants_json, *, ok, summary, valid=False, done=False):
    if wants_json:
        return JsonResponse({"ok": ok, "valid": valid, "summary": summary, "signed": done,
                             "redirect": intake.done_url if done else ""}, status=200 if ok else 400)
    if done:
        messages.success(request, intake.done_message or summary)
        return redirect(intake.done_url or intake.page)
    (messages.success if ok and valid else messages.error)(request, summary)
    return redirect(intake.page)
