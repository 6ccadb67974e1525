"""What other apps call: verify a detached signature, and check that the signer is who should sign.

The library below (signing.cms, signing.gost) knows nothing of Django; this layer adds the portal's
trust store and the signer-match rule. Models for stored anchors, intermediates and CRLs will feed
`portal_trust_store()` later without changing these signatures.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .cms import TrustStore, VerificationReport, verify_cms
from .cms.errors import FormatError
from .cms.identity import INDIVIDUAL, LEGAL_ENTITY, SOLE_PROPRIETOR
from .cms.report import messages

__all__ = [
    "INDIVIDUAL", "LEGAL_ENTITY", "SOLE_PROPRIETOR", "ExpectedSigner", "SignerMatch", "portal_trust_store",
    "report_signed_by", "signer_matches", "verify_detached",
]

# Settings (all optional; lists of file paths, DER or PEM bundles):
#   SIGNING_TRUST_ANCHORS, SIGNING_INTERMEDIATES, SIGNING_CRLS


def portal_trust_store() -> TrustStore:
    """The portal's trust store, from the file lists in settings (a broken file is a deployment error)."""
    try:
        return TrustStore.from_paths(
            anchors=getattr(settings, "SIGNING_TRUST_ANCHORS", ()),
            intermediates=getattr(settings, "SIGNING_INTERMEDIATES", ()),
            crls=getattr(settings, "SIGNING_CRLS", ()),
        )
    except (OSError, FormatError) as error:
        raise ImproperlyConfigured("signing trust store cannot be loaded: %s" % error) from error


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


def report_signed_by(report: VerificationReport, expected: ExpectedSigner) -> SignerMatch:
    """A valid signature with at least one signer who matches `expected`."""
    if not report.valid:
        return SignerMatch(False, report.summary)
    results = [signer_matches(signer.identity, expected) for signer in report.signers]
    for result in results:
        if result.matches:
            return result
    return results[0] if results else SignerMatch(False, messages.NO_SIGNERS_TO_MATCH)
