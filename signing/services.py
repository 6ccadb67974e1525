"""What other apps call: verify a detached signature, and check that the signer is who should sign.

The library below (signing.cms, signing.gost) knows nothing of Django; this layer adds the portal's
trust store (settings files plus the rows uploaded in admin), the signer-match rule, stored
verification records and the "download signed files" archive.
"""

import hashlib
import io
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .cms import TrustStore, VerificationReport, verify_cms
from .cms.asn1 import signature_to_der
from .cms.certs import load_certificate, load_crl
from .cms.document import digest_document
from .cms.errors import FormatError
from .cms.identity import INDIVIDUAL, LEGAL_ENTITY, SOLE_PROPRIETOR
from .cms.report import messages

__all__ = [
    "INDIVIDUAL", "LEGAL_ENTITY", "SOLE_PROPRIETOR", "ExpectedSigner", "SignOutcome", "SignerMatch", "is_qualified",
    "portal_trust_store", "qualified_signer_outcome", "report_signed_by", "signed_files_archive_entries",
    "signed_files_zip_entries",
    "signer_matches", "verification_record", "verify_detached",
]

logger = logging.getLogger(__name__)

# Settings (all optional; lists of file paths, DER or PEM bundles):
#   SIGNING_TRUST_ANCHORS, SIGNING_INTERMEDIATES, SIGNING_CRLS


def portal_trust_store() -> TrustStore:
    """The portal's trust store: the files listed in settings (a broken file is a deployment error)
    plus the active TrustedCertificate rows and every stored RevocationList."""
    try:
        store = TrustStore.from_paths(
            anchors=getattr(settings, "SIGNING_TRUST_ANCHORS", ()),
            intermediates=getattr(settings, "SIGNING_INTERMEDIATES", ()),
            crls=getattr(settings, "SIGNING_CRLS", ()),
            tsa_anchors=getattr(settings, "SIGNING_TSA_CERTIFICATES", ()),
        )
    except (OSError, FormatError) as error:
        raise ImproperlyConfigured("signing trust store cannot be loaded: %s" % error) from error
    _add_stored_trust(store)
    store.require_revocation = getattr(settings, "SIGNING_REQUIRE_REVOCATION", False)
    if getattr(settings, "SIGNING_OCSP_ENABLED", True):
        store.ocsp = _ocsp_client()
    return store


_ocsp = {}


def _ocsp_client():
    """One client per process, so that its cache serves every verification."""
    from .cms.ocsp import OcspClient

    timeout = getattr(settings, "SIGNING_OCSP_TIMEOUT", 10)
    if _ocsp.get("timeout") != timeout:
        _ocsp.update(timeout=timeout, client=OcspClient(timeout=timeout))
    return _ocsp["client"]


# Parsed rows, reused while the tables are unchanged: a national CA's CRL can be tens of megabytes,
# too slow to parse again for every signature. Key: counts and last change of both tables, so code
# that rewrites rows with a queryset .update() must set updated_at as well.
_stored_trust_cache = {"key": None, "anchors": [], "intermediates": [], "crls": [], "tsa_anchors": []}
_LIST_OF_KIND = {"root": "anchors", "intermediate": "intermediates", "tsa": "tsa_anchors"}


def _stored_trust_key():
    from django.db.models import Count, Max, Q

    from .models import RevocationList, TrustedCertificate

    # The active count too: a queryset .update(is_active=...) does not touch updated_at.
    certificates = TrustedCertificate.objects.aggregate(
        count=Count("pk"), active=Count("pk", filter=Q(is_active=True)), changed=Max("updated_at"))
    crls = RevocationList.objects.aggregate(count=Count("pk"), changed=Max("updated_at"))
    return (certificates["count"], certificates["active"], certificates["changed"], crls["count"], crls["changed"])


def _load_stored_trust():
    """Rows were parsed when uploaded; one that no longer parses (a library change) is skipped, not fatal."""
    from .models import RevocationList, TrustedCertificate

    loaded = {"anchors": [], "intermediates": [], "crls": [], "tsa_anchors": []}
    rows = TrustedCertificate.objects.filter(is_active=True).values_list("kind", "der", "thumbprint")
    for kind, der, thumbprint in rows:
        try:
            info = load_certificate(bytes(der))
        except FormatError:
            logger.error("trusted certificate %s cannot be parsed; skipped", thumbprint)
            continue
        loaded[_LIST_OF_KIND.get(kind, "intermediates")].append(info)
    for der, fingerprint in RevocationList.objects.values_list("der", "fingerprint"):
        try:
            loaded["crls"].append(load_crl(bytes(der)))
        except FormatError:
            logger.error("CRL %s cannot be parsed; skipped", fingerprint)
    return loaded


def _add_stored_trust(store):
    key = _stored_trust_key()
    if _stored_trust_cache["key"] != key:
        _stored_trust_cache.update(_load_stored_trust(), key=key)
    # Copies: callers may extend the store's lists (the verify_signature command does).
    store.anchors += _stored_trust_cache["anchors"]
    store.intermediates += _stored_trust_cache["intermediates"]
    store.crls += _stored_trust_cache["crls"]
    store.tsa_anchors += _stored_trust_cache["tsa_anchors"]


def verify_detached(document, signature, *, at=None, trust_store=None) -> VerificationReport:
    """Verify a CMS signature (DER, PEM or the plug-in's base64) over `document` (a path, bytes or a
    binary file such as an UploadedFile, streamed). Never raises on bad input: read the report."""
    store = trust_store if trust_store is not None else portal_trust_store()
    return verify_cms(signature, document, store, at=at)


@dataclass(frozen=True)
class ExpectedSigner:
    """Who must sign: the applicant's kind and its registration numbers (any may be blank)."""
    kind: str
    inn: str = ""
    ogrn: str = ""  # OGRN of a legal entity, OGRNIP of a sole proprietor
    snils: str = ""


@dataclass(frozen=True)
class SignerMatch:
    matches: bool
    reason: str


def certificate_check(der, *, at=None) -> "SignOutcome":
    """A lone certificate (DER) checked as a signature made with it at `at` (now) would be: a path to a
    trusted anchor with the verifier's RFC 5280 §6 rules, validity, constraints and revocation.
    SignOutcome(valid, the Russian reason of the first failed check). Used where a certificate is
    registered before anything is signed with it (information systems, issue 16)."""
    from django.utils import timezone

    from .cms import report as r
    from .cms.chain import build_path
    from .cms.path_rules import check_path_rules
    from .cms.validation import check_constraints, check_revocation, check_validity

    store, when = portal_trust_store(), at or timezone.now()
    try:
        certificate = load_certificate(der)
    except FormatError as error:
        return SignOutcome(False, str(error))
    path = build_path(certificate, [], store).path
    if path is None:
        return SignOutcome(False, messages.NO_CHAIN)
    report = r.SignerReport()
    check_validity(report, path, when, "now")
    check_constraints(report, path, store)
    check_path_rules(report, path, when)
    check_revocation(report, path, store, when, now=when)
    report.conclude()
    return SignOutcome(report.indication == r.TOTAL_PASSED, report.reason)


def _digits(value):
    return "".join(ch for ch in str(value or "") if ch.isdigit())


def _organisation_inn(identity):
    """The organisation's INN: INNLE, or, in certificates issued before 2021, INN padded with "00"."""
    if identity.innle:
        return _digits(identity.innle)
    inn = _digits(identity.inn)
    return inn[2:] if len(inn) == 12 and inn.startswith("00") else ""


def _pairs(identity, expected):
    """(label, value in the certificate, value expected) for the numbers the rule compares."""
    if expected.kind == LEGAL_ENTITY:
        return [(messages.INNLE_LABEL, _organisation_inn(identity), _digits(expected.inn)),
                (messages.OGRN_LABEL, _digits(identity.ogrn), _digits(expected.ogrn))]
    if expected.kind == SOLE_PROPRIETOR:
        return [(messages.INN_LABEL, _digits(identity.inn), _digits(expected.inn)),
                (messages.OGRNIP_LABEL, _digits(identity.ogrnip), _digits(expected.ogrn))]
    if expected.kind == INDIVIDUAL:
        return [(messages.SNILS_LABEL, _digits(identity.snils), _digits(expected.snils)),
                (messages.INN_LABEL, _digits(identity.inn), _digits(expected.inn))]
    raise ValueError("unknown applicant kind %r" % expected.kind)


def signer_matches(identity, expected: ExpectedSigner) -> SignerMatch:
    """The signer-match rule: a legal entity by INNLE/OGRN, a sole proprietor by INN/OGRNIP, an
    individual by SNILS or INN.

    Every number present on both sides must agree, and at least one must be compared.
    """
    if identity is None:
        return SignerMatch(False, messages.SIGNER_UNKNOWN)
    compared = [(label, actual, wanted) for label, actual, wanted in _pairs(identity, expected) if actual and wanted]
    if not compared:
        return SignerMatch(False, messages.NOTHING_TO_COMPARE)
    for label, actual, wanted in compared:
        if actual != wanted:
            return SignerMatch(False, messages.NUMBER_MISMATCH.format(label=label, actual=actual, wanted=wanted))
    labels = ", ".join(label for label, _, _ in compared)
    return SignerMatch(True, messages.SIGNER_MATCHES.format(labels=labels))


@dataclass(frozen=True)
class SignOutcome:
    """A domain's answer to a posted signature; `done` when the whole signing step is finished."""
    valid: bool
    summary: str
    done: bool = False


def is_qualified(identity):
    """Qualified certificates (FSB order 795) name the signer's crypto tool and a protection class."""
    return bool(identity and (identity.subject_sign_tool or identity.qualified_classes))


def qualified_signer_outcome(report: VerificationReport, expected: ExpectedSigner) -> SignOutcome:
    """The qualified-signer check every signing page applies (63-FZ art. 6, 11): a valid signature made
    with a qualified certificate of the expected signer. A refused signature's text never begins with
    «Подпись верна»."""
    from django.utils.translation import gettext as _

    if not report.valid:
        return SignOutcome(False, report.summary)
    identity = report.signers[0].identity if report.signers else None
    if not is_qualified(identity):
        return SignOutcome(False, _("The certificate is not a qualified one: the document must be signed with "
                                    "a qualified certificate issued by an accredited certification centre."))
    match = report_signed_by(report, expected)
    if not match.matches:
        return SignOutcome(False, _("The certificate does not belong to the organisation in the requisites: "
                                    "%(reason)s") % {"reason": match.reason}
                           if expected.kind != INDIVIDUAL else
                           _("The certificate is not the applicant's: %(reason)s") % {"reason": match.reason})
    return SignOutcome(True, f"{report.summary} {match.reason[:1].upper()}{match.reason[1:]}".strip())


def report_signed_by(report: VerificationReport, expected: ExpectedSigner) -> SignerMatch:
    """A valid signature with at least one signer who matches `expected`."""
    if not report.valid:
        return SignerMatch(False, report.summary)
    results = [signer_matches(signer.identity, expected) for signer in report.signers]
    for result in results:
        if result.matches:
            return result
    return results[0] if results else SignerMatch(False, messages.NO_SIGNERS_TO_MATCH)


# --- Stored verification records ---------------------------------------------------------------------

def _signature_sha256(signature):
    """The hash of the signature's DER, so a pasted base64 and the .sig file of it hash the same."""
    raw = signature.read() if hasattr(signature, "read") else signature
    if isinstance(raw, str):
        raw = raw.encode("ascii", "replace")
    try:
        raw = signature_to_der(raw)
    except FormatError:
        pass
    return bytes(raw), hashlib.sha256(raw).hexdigest()


def _signer_name(report):
    names = []
    for signer in report.signers:
        identity = signer.identity
        if identity is not None:
            names.append(identity.common_name or identity.short_name or identity.organization)
    return "; ".join(name for name in names if name)[:255]


def verification_record(document, signature, *, user=None, at=None, expected=None, document_name="",
                        trust_store=None, save=True):
    """Verify `signature` over `document` (streamed), store a SignatureVerification with both hashes and
    the report, and return it. With `expected` (an ExpectedSigner), the signer-match verdict is stored too.
    With save=False (an anonymous visitor's check) the record is returned unsaved: nothing is kept.
    """
    from django.utils import timezone

    from .models import SignatureVerification

    signature_bytes, signature_hash = _signature_sha256(signature)
    document_hash = digest_document(document, ["sha256"])["sha256"].hex() if document is not None else ""
    report = verify_detached(document, signature_bytes, at=at, trust_store=trust_store)
    match = report_signed_by(report, expected) if expected is not None else None
    record = SignatureVerification(
        document_name=str(document_name)[:255], document_sha256=document_hash, signature_sha256=signature_hash,
        is_valid=report.valid, indication=report.indication, subindication=report.subindication or "",
        summary=report.summary, report=report.to_dict(), signer_name=_signer_name(report),
        signer_matches=None if match is None else match.matches,
        signer_match_reason="" if match is None else match.reason,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    if save:
        record.save()
    else:
        record.created_at = timezone.now()
    return record


# --- "Download signed files" (seed 003) ---------------------------------------------------------------

def _source(value):
    """zipstream takes callables, paths or files; bytes (a signature kept in the database) become a file."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
        return lambda: io.BytesIO(data)
    if isinstance(value, str):
        data = signature_to_der(value)  # the plug-in's base64 (or PEM), stored as text
        return lambda: io.BytesIO(data)
    return value


def _unique_name(name, taken):
    """"План.jpg", then "План (2).jpg", as portal.zipstream numbers repeats (ignoring case)."""
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem:
        stem, extension = name, ""
    else:
        extension = "." + extension
    candidate, number = name, 1
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{stem} ({number}){extension}"
    taken.add(candidate.casefold())
    return candidate


def signed_files_archive_entries(documents, *, folder=""):
    """ZIP entries for several documents, each followed by its signatures named after it exactly:
    two documents called "План.jpg" become "План.jpg" + "План.jpg.sig" and "План (2).jpg" +
    "План (2).jpg.sig". `documents`: (name, source, [signature sources]) as for signed_files_zip_entries."""
    taken, entries = set(), []
    for name, document, signatures in documents:
        unique = _unique_name(name, taken)
        taken.add(f"{unique}.sig".casefold())
        entries += signed_files_zip_entries(unique, document, signatures, folder=folder)
    return entries


def signed_files_zip_entries(document_name, document, signatures, *, folder=""):
    """ZIP entries for portal.zipstream.zip_response: the document and its signatures beside it, named
    as CryptoPro names them ("Договор.pdf" and "Договор.pdf.sig"; zipstream numbers repeats).

    `document` and each signature: a callable returning a binary file (FieldFile.open), a pathlib.Path,
    an open binary file, or bytes; a signature may also be base64 or PEM text (a str).
    """
    prefix = "%s/" % folder.strip("/") if folder else ""
    entries = [(prefix + document_name, _source(document))]
    for signature in signatures:
        entries.append(("%s%s.sig" % (prefix, document_name), _source(signature)))
    return entries
