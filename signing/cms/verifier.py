"""Verifying a CMS SignedData (detached or attached) against a document and a trust store.

Entry point: `verify_cms(signature, document, trust_store, at=None)`. It never raises on bad input:
whatever is wrong ends up in the report (FORMAT_FAILURE for unreadable input).
"""

import logging
from datetime import UTC, datetime

from asn1crypto import core

from .. import gost
from . import attributes, oids
from . import report as r
from .asn1 import ASN1_ERRORS, load_signed_data, signature_to_der
from .certs import load_certificate
from .chain import build_path
from .document import digest_document
from .errors import FormatError
from .identity import identity_from_certificate
from .keys import gost_curve_name, verify_signature_value
from .report import messages
from .trust import TrustStore
from .validation import check_constraints, check_revocation, check_validity

logger = logging.getLogger(__name__)

# The reason given when verification crashed on input nobody foresaw (the fuzz tests look for it).
INTERNAL_ERROR = messages.INTERNAL_ERROR


class _Context:
    """What every signer of one SignedData shares."""

    def __init__(self, signed_data, store, validation_time):
        self.signed_data = signed_data
        self.store = store
        self.validation_time = validation_time
        self.econtent_type = signed_data["encap_content_info"]["content_type"].dotted
        self.certificates = [
            load_certificate(choice.chosen.dump())
            for choice in signed_data["certificates"]
            if choice.name == "certificate"
        ]
        self.content_digests = {}


def _signer_digest_name(signer_info):
    oid = signer_info["digest_algorithm"]["algorithm"].dotted
    if oid not in oids.DIGESTS:
        raise FormatError(messages.UNKNOWN_DIGEST_ALGORITHM.format(oid=oid))
    return oids.DIGESTS[oid]


def _signer_family(signer_info, digest_name):
    oid = signer_info["signature_algorithm"]["algorithm"].dotted
    if oid not in oids.SIGNATURE_ALGORITHMS:
        raise FormatError(messages.UNKNOWN_SIGNATURE_ALGORITHM.format(oid=oid))
    family, implied_digest = oids.SIGNATURE_ALGORITHMS[oid]
    implied_digest = implied_digest or oids.GOST_DIGEST_OF.get(family)
    if implied_digest and implied_digest != digest_name:
        raise FormatError(messages.ALGORITHMS_DISAGREE.format(oid=oid, digest=digest_name))
    return family


def _find_signer_certificate(signer_info, context):
    sid = signer_info["sid"]
    pool = context.certificates + context.store.anchors + context.store.intermediates
    if sid.name == "issuer_and_serial_number":
        issuer, serial = sid.chosen["issuer"], sid.chosen["serial_number"].native
        matches = [c for c in pool if c.serial == serial and c.issuer == issuer]
    else:
        key_id = sid.chosen.native
        matches = [c for c in pool if c.subject_key_id == key_id]
    return matches[0] if matches else None


def _check_signature_value(signer_report, signer_info, cert, family, digest_name, signed_digest):
    params = signer_info["signature_algorithm"]["parameters"]
    params_der = None if params.native is None else params.dump()
    try:
        ok = verify_signature_value(cert.spki_der, family, digest_name, signed_digest,
                                    signer_info["signature"].native, params_der)
    except FormatError as error:
        return signer_report.add("signature_value", r.FAILED, str(error), r.FORMAT_FAILURE)
    if not ok:
        return signer_report.add("signature_value", r.FAILED, messages.SIGNATURE_WRONG, r.SIG_CRYPTO_FAILURE)
    return signer_report.add("signature_value", r.PASSED, messages.SIGNATURE_OK)


def _check_content(signer_report, signer_info, context, cert, digest_name):
    """Content digest and signed attributes; returns the digest the signature value must cover."""
    content_digest = context.content_digests[digest_name]
    attrs = attributes.signed_attributes(signer_info)
    if attrs is None:
        signer_report.add("message_digest", r.SKIPPED, messages.NO_SIGNED_ATTRIBUTES)
        attributes.check_signing_time(signer_report, None, context.validation_time)
        return content_digest
    attributes.check_content_type(signer_report, attrs, context.econtent_type)
    attributes.check_message_digest(signer_report, attrs, content_digest)
    attributes.check_signing_time(signer_report, attrs, context.validation_time)
    attributes.check_signing_certificate(signer_report, attrs, cert)
    signer_report.signing_time = attributes.signing_time(attrs)
    return gost.new(digest_name, attributes.signed_attributes_der(signer_info)).digest()


def _check_path(signer_report, cert, context):
    result = build_path(cert, context.certificates, context.store)
    if result.path is None:
        if result.broken_link:
            message = messages.CERTIFICATE_SIGNATURE_WRONG.format(subject=result.broken_link[0].subject_text)
            return signer_report.add("certificate_chain", r.FAILED, message, r.CERTIFICATE_CHAIN_GENERAL_FAILURE)
        return signer_report.add("certificate_chain", r.FAILED,
                                 messages.NO_CHAIN, r.NO_CERTIFICATE_CHAIN_FOUND)
    signer_report.chain = [c.subject_text for c in result.path]
    signer_report.add("certificate_chain", r.PASSED, messages.CHAIN_OK)
    when = signer_report.signing_time or context.validation_time
    check_validity(signer_report, result.path, when)
    check_constraints(signer_report, result.path, context.store)
    check_revocation(signer_report, result.path, context.store, when, now=context.validation_time)


def _verify_signer(signer_info, context):
    signer_report = r.SignerReport()
    try:
        digest_name = _signer_digest_name(signer_info)
        family = _signer_family(signer_info, digest_name)
    except FormatError as error:
        signer_report.add("algorithm", r.FAILED, str(error), r.FORMAT_FAILURE)
        return signer_report.conclude()
    signer_report.algorithm = messages.ALGORITHM_TITLES[family]
    signer_report.digest_algorithm = messages.DIGEST_TITLES[digest_name]
    cert = _find_signer_certificate(signer_info, context)
    if cert is None:
        signer_report.add("signing_certificate", r.FAILED, messages.SIGNER_CERTIFICATE_NOT_FOUND,
                          r.NO_SIGNING_CERTIFICATE_FOUND)
        return signer_report.conclude()
    signer_report.identity = identity_from_certificate(cert)
    try:
        signer_report.parameter_set = gost_curve_name(cert.spki_der)
    except FormatError:
        pass
    signed_digest = _check_content(signer_report, signer_info, context, cert, digest_name)
    _check_signature_value(signer_report, signer_info, cert, family, digest_name, signed_digest)
    _check_path(signer_report, cert, context)
    return signer_report.conclude()


def _hash_content(context, document):
    """Digest the document (or the embedded content) once for every digest algorithm in use."""
    names = set()
    for signer_info in context.signed_data["signer_infos"]:
        try:
            names.add(_signer_digest_name(signer_info))
        except FormatError:
            continue  # reported per signer
    embedded = context.signed_data["encap_content_info"]["content"]
    if document is None:
        if isinstance(embedded, core.Void) or embedded.native is None:
            return False
        document = embedded.native if isinstance(embedded.native, bytes) else embedded.contents
    context.content_digests = digest_document(document, names)
    return True


def _now():
    return datetime.now(UTC)


def _aware(moment):
    if moment is None:
        return _now()
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _verify(signature, document, store, validation_time):
    signed_data = load_signed_data(signature_to_der(signature))
    context = _Context(signed_data, store, validation_time)
    if not len(signed_data["signer_infos"]):
        return r.VerificationReport.failure(r.FORMAT_FAILURE, messages.NO_SIGNERS, validation_time)
    if not _hash_content(context, document):
        return r.VerificationReport.failure(
            r.SIGNED_DATA_NOT_FOUND, messages.DOCUMENT_MISSING, validation_time)
    signers = [_verify_signer(signer_info, context) for signer_info in signed_data["signer_infos"]]
    return r.VerificationReport.from_signers(signers, validation_time)


def verify_cms(signature, document=None, trust_store=None, *, at=None) -> r.VerificationReport:
    """Verify `signature` (DER, PEM or base64) over `document` (path, bytes or binary file; None to use
    the content embedded in an attached signature). `at` is the validation time (default: now), used
    when the signature carries no signing time and to reject signing times in the future."""
    validation_time = _aware(at)
    store = trust_store if trust_store is not None else TrustStore()
    try:
        return _verify(signature, document, store, validation_time)
    except FormatError as error:
        return r.VerificationReport.failure(r.FORMAT_FAILURE, str(error), validation_time)
    except ASN1_ERRORS as error:
        return r.VerificationReport.failure(r.FORMAT_FAILURE, messages.UNPARSED_SIGNATURE.format(error=error),
                                            validation_time)
    except OSError as error:
        return r.VerificationReport.failure(r.SIGNED_DATA_NOT_FOUND, messages.DOCUMENT_UNREADABLE.format(error=error),
                                            validation_time)
    except Exception:  # noqa: BLE001 - a caller must get a report, never a traceback
        logger.exception("signature verification crashed")
        return r.VerificationReport.failure(r.FORMAT_FAILURE, INTERNAL_ERROR, validation_time)
