"""Signing an application with a simple e-signature (ПП РФ №644 п. 90(1)): individuals only; legal
entities and sole proprietors still sign every document with a qualified certificate (signatures.py).

application_sign_simple(*, application, user, code, ip_address) checks the SMS code, records the act
(every document with its Streebog-256 hash) and moves the application to «Подписана», in one
transaction: a lost race (the application signed or withdrawn meanwhile) leaves no act behind.
application_sign_simple_esia(*, application, user, identification, ip_address) does the same for an
individual identified by a confirmed ESIA login (no SMS code; the act records ESIA's confirmation).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import ApplicantType
from applications.models import Status
from applications.signatures import act_of, documents_to_sign, subject_of  # noqa: F401 (act_of: this module's API too)
from portal.workflow import TransitionNotAllowed
from signing.simple import (
    SimpleSignatureRefused,
    simple_signature_act_create,
    simple_signature_act_create_esia,
    simple_signature_code_send,
)


def simple_signature_allowed(application):
    return application.applicant.applicant_type == ApplicantType.INDIVIDUAL


def _check(application):
    if not simple_signature_allowed(application):
        raise SimpleSignatureRefused(_("Legal entities and sole proprietors sign with a qualified e-signature."))
    if application.status != Status.AWAITING_SIGNATURE:
        raise SimpleSignatureRefused(_("The application is not waiting for a signature."))


def application_simple_code_send(*, application, user):
    _check(application)
    label = _("application %(number)s") % {"number": application.number} if application.number else ""
    return simple_signature_code_send(user=user, subject_label=label)


def application_sign_simple(*, application, user, code, ip_address=None):
    """Returns the act; SimpleSignatureRefused with the reason otherwise."""
    return _sign(application, user, lambda **common: simple_signature_act_create(user=user, code=code, **common),
                 ip_address)


def application_sign_simple_esia(*, application, user, identification, ip_address=None):
    """Returns the act; SimpleSignatureRefused with the reason otherwise (no identification, no agreement)."""
    return _sign(application, user, lambda **common: simple_signature_act_create_esia(
        user=user, identification=identification, **common), ip_address)


def _sign(application, user, make_act, ip_address):
    _check(application)
    documents = list(documents_to_sign(application))
    refusal = None
    with transaction.atomic():
        try:
            act = make_act(subject=subject_of(application), ip_address=ip_address,
                           signer_name=application.applicant_name,
                           documents=[(document.original_name, document.file.open) for document in documents])
        except SimpleSignatureRefused as error:
            refusal = error  # leave the block normally: a wrong code's used-up attempt must be kept
        else:
            try:
                comment = _("Signed with a simple e-signature, act No. %(number)s.") if act.method == "sms" else _(
                    "Signed with a simple e-signature confirmed through Gosuslugi, act No. %(number)s.")
                application.mark_signed(actor=user, documents=documents, comment=comment % {"number": act.pk})
            except TransitionNotAllowed:
                transaction.set_rollback(True)  # no act for an application someone else moved first
                refusal = SimpleSignatureRefused(_("The application is not waiting for a signature."))
    if refusal is not None:
        raise refusal
    return act
