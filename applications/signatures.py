"""Signing an application's documents (seed 003 "Ожидает подписи ЭЦП"): each document needs a valid
detached signature by the applicant; when the last one arrives the application becomes "Подписана"."""

import io
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import ApplicantType, Profile
from applications.models import ApplicationEvent, ApplicationSignature, DocumentSlot, Status
from portal.storage import open_stream
from signing.models import SimpleSignatureAct
from signing.posted import SignatureRefused
from signing.services import (
    INDIVIDUAL,
    LEGAL_ENTITY,
    SOLE_PROPRIETOR,
    ExpectedSigner,
    qualified_signer_outcome,
    signed_files_archive_entries,
    verify_detached,
)

SIGNER_KINDS = {ApplicantType.LEGAL: LEGAL_ENTITY, ApplicantType.ENTREPRENEUR: SOLE_PROPRIETOR,
                ApplicantType.INDIVIDUAL: INDIVIDUAL}


def expected_signer(applicant):
    """The signer-match rule: ЮЛ by INNLE/OGRN, ИП by INN/OGRNIP, ФЛ by SNILS or INN."""
    profile = Profile.objects.filter(user=applicant).first() or Profile()
    return ExpectedSigner(kind=SIGNER_KINDS[ApplicantType(applicant.applicant_type)], inn=profile.inn,
                          ogrn=profile.ogrn or profile.ogrnip, snils=profile.snils)


def documents_to_sign(application):
    return application.documents.exclude(slot=DocumentSlot.RESULT).prefetch_related("signatures")


def signature_add(*, document, data, actor):
    """Verify `data` over the document, keep the result, and finish the signing step when every
    document has a valid signature of the applicant. Returns (signature, application_signed).
    Raises SignatureRefused when the application is no longer waiting for a signature."""
    application = document.application
    with open_stream(document.file) as content:
        report = verify_detached(content, data)
    outcome = qualified_signer_outcome(report, expected_signer(application.applicant))
    signer = report.signers[0].identity if report.signers and report.signers[0].identity else None
    with transaction.atomic():
        # The application row is locked before anything is written: concurrent uploads of the last
        # signatures queue here, so the last of them sees every other one when it asks "all signed?".
        application = application.locked()
        if application.status != Status.AWAITING_SIGNATURE:
            raise SignatureRefused(_("The application is not waiting for a signature."))
        signature = ApplicationSignature(
            document=document, is_valid=outcome.valid, report=report.to_dict(),
            signer=signer.short_name if signer else "", signed_by=actor, summary=outcome.summary)
        signature.signature.save(f"{document.original_name}.sig", ContentFile(data), save=False)
        signature.save()
        _note_in_history(application, document, signature, actor)
        signed = signature.is_valid and _finish_if_all_signed(application, actor)
    return signature, signed


def _note_in_history(application, document, signature, actor):
    verdict = _("valid") if signature.is_valid else _("not accepted")
    ApplicationEvent.objects.create(
        application=application, from_status=application.status, to_status=application.status, actor=actor,
        comment=_("Signature of “%(name)s”: %(verdict)s. %(summary)s")
        % {"name": document.original_name, "verdict": verdict, "summary": signature.summary})


def _finish_if_all_signed(application, actor):
    if application.status != Status.AWAITING_SIGNATURE:
        return False
    documents = list(documents_to_sign(application))
    signed = [d for d in documents if any(s.is_valid for s in d.signatures.all())]
    if len(signed) != len(documents):
        return False
    application.mark_signed(actor=actor, documents=signed)
    return True


def subject_of(application):
    """How a simple e-signature act names the application it signs (signing.SimpleSignatureAct.subject)."""
    return f"applications.application:{application.pk}"


def act_of(application):
    """The act of the application's simple e-signature (ПП РФ №644 п. 90(1)), or None."""
    return SimpleSignatureAct.objects.filter(subject=subject_of(application)).select_related("consent").first()


def signed_files(application):
    """(arcname, opener) pairs for the ZIP of seed 003: each document with its valid signatures."""
    from signing.simple import act_text

    entries = signed_files_archive_entries(
        (document.original_name, partial(open_stream, document.file),
         [partial(open_stream, signature.signature) for signature in document.signatures.all() if signature.is_valid])
        for document in application.documents.prefetch_related("signatures"))
    act = act_of(application)
    if act is not None:  # "подписано простой ЭП": the act beside the documents it covers
        text = act_text(act).encode()
        entries.append((_("Simple e-signature act No. %(number)s.txt") % {"number": act.pk},
                        lambda: io.BytesIO(text)))
    return entries

