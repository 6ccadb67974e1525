"""The simple electronic signature of individuals (63-FZ art. 9; ПП РФ №644 п. 90(1)): the agreement on
recognising it, accepted once per version; a 6-digit code sent by SMS to the confirmed phone (accounts'
phone-code machinery, purpose "simple_signature"); and the act recorded when the right code comes back.

Use cases: simple_signature_consent_accept(*, user, ip_address), simple_signature_code_send(*, user),
simple_signature_act_create(*, user, code, subject, documents, ip_address),
simple_signature_act_create_esia(*, user, identification, subject, documents, ip_address): an individual
identified by a login through a confirmed ESIA account signs without the SMS code (63-FZ art. 9; ПП РФ
№644 п. 90(1): the simple e-signature confirmed through ESIA); the act records ESIA's confirmation instead.
Errors: SimpleSignatureRefused with a message for the person.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.services import PhoneCodeError, code_used, phone_code_check, phone_code_send

from . import gost
from .models import SimpleSignatureAct, SimpleSignatureConsent

# 2026-2 added the confirmation through a login with a confirmed Gosuslugi (ESIA) account (clause 2).
AGREEMENT_VERSION = "2026-2"
CODE_PURPOSE = "simple_signature"
CHUNK = 1 << 20


class SimpleSignatureRefused(Exception):
    """Signing cannot go on; the message says why, for the person signing."""


def current_consent(user):
    return SimpleSignatureConsent.objects.filter(user=user, version=AGREEMENT_VERSION).first()


def simple_signature_consent_accept(*, user, ip_address=None):
    """Record the acceptance of the current agreement (once; accepting again changes nothing)."""
    try:
        with transaction.atomic():
            return SimpleSignatureConsent.objects.create(user=user, version=AGREEMENT_VERSION,
                                                         accepted_at=timezone.now(), ip_address=ip_address)
    except IntegrityError:  # accepted meanwhile in another tab
        return current_consent(user)


def _confirmed_phone(user):
    if not user.phone or not user.phone_confirmed_at:
        raise SimpleSignatureRefused(_("Confirm your phone number in the profile first: the code is sent to it."))
    return user.phone


def simple_signature_code_send(*, user, subject_label=""):
    """Send the signing code to the user's confirmed phone; the agreement must have been accepted."""
    if current_consent(user) is None:
        raise SimpleSignatureRefused(_("Accept the agreement on the simple e-signature first."))
    try:
        return phone_code_send(user=user, phone=_confirmed_phone(user), purpose=CODE_PURPOSE,
                               template="simple_signature_code", context={"subject": subject_label})
    except PhoneCodeError as error:
        raise SimpleSignatureRefused(str(error)) from None


def streebog256(opener):
    """Hex Streebog-256 (GOST R 34.11-2012) of a file opened by `opener()`, read in 1 MB pieces."""
    hasher = gost.new("streebog256")
    with opener() as handle:
        while chunk := handle.read(CHUNK):
            hasher.update(chunk)
    return hasher.hexdigest() if hasattr(hasher, "hexdigest") else hasher.digest().hex()


def simple_signature_act_create(*, user, code, subject, documents, ip_address=None, signer_name=""):
    """Check the code and record the act, in the caller's transaction when there is one (the caller moves
    its object in the same one). `documents`: [(name, opener)]. Returns the SimpleSignatureAct."""
    consent = current_consent(user)
    if consent is None:
        raise SimpleSignatureRefused(_("Accept the agreement on the simple e-signature first."))
    phone = _confirmed_phone(user)
    hashed = [{"name": name, "streebog256": streebog256(opener)} for name, opener in documents]

    def record(user, verification):
        checked_at = code_used(verification)
        name = signer_name or user.get_full_name() or user.get_username()
        return SimpleSignatureAct.objects.create(
            subject=subject, user=user, signer_name=name,
            phone=getattr(phone, "as_e164", str(phone)), ip_address=ip_address, signed_at=checked_at,
            consent=consent, documents=hashed,
            code_sent_at=verification.created_at, code_checked_at=checked_at)

    try:
        return phone_code_check(user=user, purpose=CODE_PURPOSE, code=code, on_success=record)
    except PhoneCodeError as error:
        raise SimpleSignatureRefused(str(error)) from None


def simple_signature_act_create_esia(*, user, identification, subject, documents, ip_address=None, signer_name=""):
    """Record the act of a person ESIA identified. `identification`: {"oid", "trust", "authenticated_at"
    (aware datetime)} of the session's confirmed ESIA login (accounts.esia.services.esia_identification)."""
    consent = current_consent(user)
    if consent is None:
        raise SimpleSignatureRefused(_("Accept the agreement on the simple e-signature first."))
    if not identification or not identification.get("oid"):
        raise SimpleSignatureRefused(_("Log in through Gosuslugi with a confirmed account to sign this way."))
    hashed = [{"name": name, "streebog256": streebog256(opener)} for name, opener in documents]
    phone = user.phone if user.phone and user.phone_confirmed_at else ""
    return SimpleSignatureAct.objects.create(
        subject=subject, user=user, signer_name=signer_name or user.get_full_name() or user.get_username(),
        method=SimpleSignatureAct.Method.ESIA, phone=getattr(phone, "as_e164", str(phone or "")),
        ip_address=ip_address, signed_at=timezone.now(), consent=consent, documents=hashed,
        esia_oid=identification["oid"], esia_trust=identification["trust"],
        esia_authenticated_at=identification["authenticated_at"])


ESIA_TRUST_LABELS = {"confirmed": gettext_lazy("confirmed")}  # ESIA's «подтверждённая учётная запись»


def _how_confirmed(act):
    if act.method == SimpleSignatureAct.Method.ESIA:
        return [
            _("Signer confirmed through Gosuslugi (ESIA): person id %(oid)s, account level: %(trust)s") % {
                "oid": act.esia_oid, "trust": ESIA_TRUST_LABELS.get(act.esia_trust, act.esia_trust)},
            _("Authenticated by ESIA at: %(moment)s") % {
                "moment": timezone.localtime(act.esia_authenticated_at).isoformat()},
        ]
    return [
        _("Phone the code was sent to: %(phone)s") % {"phone": act.phone},
        _("Code sent: %(sent)s; code checked: %(checked)s") % {
            "sent": timezone.localtime(act.code_sent_at).isoformat(),
            "checked": timezone.localtime(act.code_checked_at).isoformat()},
    ]


def act_text(act):
    """The act as plain text, for the signed-files ZIP and the staff."""
    lines = [
        _("Act of signing with a simple electronic signature No. %(number)s") % {"number": act.pk},
        _("Signed object: %(subject)s") % {"subject": act.subject},
        _("Signer: %(name)s (user %(user)s)") % {"name": act.signer_name, "user": act.user_id},
        *_how_confirmed(act),
        _("Signed at: %(moment)s, IP address: %(ip)s") % {
            "moment": timezone.localtime(act.signed_at).isoformat(), "ip": act.ip_address or "—"},
        _("Agreement on the simple e-signature: version %(version)s, accepted %(moment)s") % {
            "version": act.consent.version, "moment": timezone.localtime(act.consent.accepted_at).isoformat()},
        _("Documents (GOST R 34.11-2012, 256 bits):"),
    ]
    lines += [f"  {document['streebog256']}  {document['name']}" for document in act.documents]
    return "\n".join(lines) + "\n"
