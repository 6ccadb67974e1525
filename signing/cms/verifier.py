"""Verifying a CMS SignedData (detached or attached) against a document and a trust store.

Entry point: `verify_cms(signature, document, trust_store, at=None)`. It never raises on bad input:
whatever is wrong ends up in the report (FORMAT_FAILURE for unreadable input, INDETERMINATE/GENERIC
for an algorithm the verifier does not implement).

Each signer is checked in a `_Scope`: what its signature covers (the document, or for a
countersignature the signature value it countersigns, RFC 5652 11.4), the certificates at hand and
the trust store extended with the validation data the signature carries.
"""

import logging
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from asn1crypto import core

from .. import gost
from . import archive, attributes, budget, oids, timestamps, validation_data
from . import report as r
from .asn1 import (
    ASN1_ERRORS,
    RawSignerInfo,
    is_certificate_choice,
    load_signed_data,
    signature_to_der,
    split_trailing,
    touch_signer_info,
)
from .certs import load_certificate
from .chain import build_path
from .document import digest_document
from .errors import FormatError, UnknownAlgorithm
from .identity import identity_from_certificate
from .keys import gost_curve_name, verify_signature_value
from .path_rules import check_path_rules
from .report import messages
from .trust import TrustStore
from .validation import check_constraints, check_purpose, check_revocation, check_validity

logger = logging.getLogger(__name__)

# The reason given when verification crashed on input nobody foresaw (the fuzz tests look for it).
INTERNAL_ERROR = messages.INTERNAL_ERROR
MAX_COUNTERSIGNATURE_DEPTH = 3


@dataclass
class _Scope:
    """What one signer is verified against."""
    store: TrustStore
    certificates: list  # CertificateInfo of the SignedData
    validation_time: datetime
    econtent_type: str | None  # None for a countersignature: it has no contentType attribute
    digest_of: object  # callable: digest name -> digest of what the signature covers
    fixed_time: datetime | None = None  # a timestamp token's genTime: its TSA is checked at it
    purpose: str | None = None  # an extendedKeyUsage the signer must have (timeStamping for a TSA)
    depth: int = 0
    extra: dict = field(default_factory=dict)
    signed_data: object = None  # the root SignedData (archive timestamps cover parts of it)


def _signer_digest_name(signer_info):
    oid = signer_info["digest_algorithm"]["algorithm"].dotted
    if oid not in oids.DIGESTS:
        raise UnknownAlgorithm(messages.UNKNOWN_DIGEST_ALGORITHM.format(oid=oid))
    return oids.DIGESTS[oid]


def _signer_family(signer_info, digest_name):
    oid = signer_info["signature_algorithm"]["algorithm"].dotted
    if oid not in oids.SIGNATURE_ALGORITHMS:
        raise UnknownAlgorithm(messages.UNKNOWN_SIGNATURE_ALGORITHM.format(oid=oid))
    family, implied_digest = oids.SIGNATURE_ALGORITHMS[oid]
    implied_digest = implied_digest or oids.GOST_DIGEST_OF.get(family)
    if implied_digest and implied_digest != digest_name:
        raise FormatError(messages.ALGORITHMS_DISAGREE.format(oid=oid, digest=digest_name))
    return family


def _find_signer_certificate(signer_info, scope):
    sid = signer_info["sid"]
    pool = scope.certificates + scope.store.anchors + scope.store.intermediates
    if sid.name == "issuer_and_serial_number":
        issuer, serial = sid.chosen["issuer"], sid.chosen["serial_number"].native
        matches = [c for c in pool if c.serial == serial and c.issuer == issuer]
    else:
        key_id = sid.chosen.native
        matches = [c for c in pool if c.subject_key_id == key_id]
    return matches[0] if matches else None


def _subindication_of(error):
    return r.GENERIC if isinstance(error, UnknownAlgorithm) else r.FORMAT_FAILURE


def _check_signature_value(signer_report, signer_info, cert, family, digest_name, signed_digest):
    params = signer_info["signature_algorithm"]["parameters"]
    params_der = None if isinstance(params, core.Void) or params.dump() == b"\x05\x00" else params.dump()
    try:
        ok = verify_signature_value(cert.spki_der, family, digest_name, signed_digest,
                                    signer_info["signature"].native, params_der)
    except FormatError as error:
        return signer_report.add("signature_value", r.FAILED, str(error), _subindication_of(error))
    if not ok:
        return signer_report.add("signature_value", r.FAILED, messages.SIGNATURE_WRONG, r.SIG_CRYPTO_FAILURE)
    return signer_report.add("signature_value", r.PASSED, messages.SIGNATURE_OK)


def _check_countersignature_digest(signer_report, attrs, content_digest):
    if attributes.has(attrs, oids.ATTR_CONTENT_TYPE):
        signer_report.add("content_type", r.FAILED, messages.COUNTERSIGNATURE_CONTENT_TYPE, r.FORMAT_FAILURE)
    attributes.check_message_digest(signer_report, attrs, content_digest, ok=messages.COUNTERSIGNATURE_DIGEST_OK,
                                     wrong=messages.COUNTERSIGNATURE_DIGEST_WRONG)


def _check_content(signer_report, signer_info, scope, cert, digest_name):
    """Content digest and signed attributes; returns the digest the signature value must cover."""
    content_digest = scope.digest_of(digest_name)
    attrs = attributes.signed_attributes(signer_info)
    if attrs is None:
        signer_report.add("message_digest", r.SKIPPED, messages.NO_SIGNED_ATTRIBUTES)
        attributes.check_signing_time(signer_report, None, scope.validation_time)
        return content_digest
    if scope.econtent_type is None:
        _check_countersignature_digest(signer_report, attrs, content_digest)
    else:
        attributes.check_content_type(signer_report, attrs, scope.econtent_type)
        attributes.check_message_digest(signer_report, attrs, content_digest)
    attributes.check_signing_time(signer_report, attrs, scope.validation_time)
    attributes.check_signing_certificate(signer_report, attrs, cert)
    signer_report.signing_time = attributes.signing_time(attrs)
    return gost.new(digest_name, attributes.signed_attributes_der(signer_info)).digest()


def _reference_time(signer_report, scope, stamp):
    """The time certificates are checked at: a verified timestamp, else the claimed signing time,
    else now (ETSI EN 319 102-1 5.6.2: the best proof of existence available)."""
    if scope.fixed_time is not None:
        return scope.fixed_time, "timestamp"
    if stamp is not None:
        return stamp.time, "timestamp"
    if signer_report.signing_time is not None:
        return signer_report.signing_time, "signing_time"
    return scope.validation_time, "now"


def _check_path(signer_report, cert, scope, stamp):
    result = build_path(cert, scope.certificates, scope.store)
    if result.path is None:
        if result.broken_link:
            message = messages.CERTIFICATE_SIGNATURE_WRONG.format(subject=result.broken_link[0].subject_text)
            return signer_report.add("certificate_chain", r.FAILED, message, r.CERTIFICATE_CHAIN_GENERAL_FAILURE)
        return signer_report.add("certificate_chain", r.FAILED,
                                 messages.NO_CHAIN, r.NO_CERTIFICATE_CHAIN_FOUND)
    signer_report.chain = [c.subject_text for c in result.path]
    signer_report.add("certificate_chain", r.PASSED, messages.CHAIN_OK)
    when, source = _reference_time(signer_report, scope, stamp)
    signer_report.reference_time, signer_report.reference_time_source = when, source
    check_validity(signer_report, result.path, when, source)
    check_constraints(signer_report, result.path, scope.store)
    check_path_rules(signer_report, result.path, when)
    if scope.purpose:
        check_purpose(signer_report, cert, scope.purpose)
    check_revocation(signer_report, result.path, scope.store, when, now=scope.validation_time,
                     proven=source == "timestamp")


def _timestamp_verifier(scope):
    """verify_tsa for timestamps.verify_token: the token's own signer, TSA path and purpose."""
    def verify_tsa(signed_data, tst_bytes, gen_time):
        # The TSA's issuers may travel in the signature's own certificates (or CAdES-X-L values).
        certificates = _certificates(signed_data) + scope.certificates
        infos = list(signed_data["signer_infos"])
        if len(infos) != 1:
            report = r.SignerReport()
            report.add("signature_value", r.FAILED, messages.NO_SIGNERS, r.FORMAT_FAILURE)
            return report.conclude()
        token_scope = _Scope(
            store=scope.store.for_timestamps(), certificates=certificates,
            validation_time=scope.validation_time,
            econtent_type=signed_data["encap_content_info"]["content_type"].dotted,
            digest_of=lambda name: gost.new(name, tst_bytes).digest(),
            fixed_time=gen_time, purpose=oids.EKU_TIME_STAMPING, depth=scope.depth + 1)
        return _verify_signer(infos[0], token_scope)
    return verify_tsa


def _countersigners(signer_info, unsigned, scope):
    if scope.depth >= MAX_COUNTERSIGNATURE_DEPTH:
        return []
    signature_value = signer_info["signature"].native
    counter_scope = replace(scope, econtent_type=None, depth=scope.depth + 1, fixed_time=None, purpose=None,
                            digest_of=lambda name: gost.new(name, signature_value).digest())
    reports = []
    for value in unsigned.get(oids.ATTR_COUNTERSIGNATURE, []):
        try:
            counter_info = RawSignerInfo.load(value.dump())
            touch_signer_info(counter_info)
        except ASN1_ERRORS as error:
            report = r.SignerReport()
            report.add("countersignature", r.FAILED, messages.BROKEN_CMS.format(error=error), r.FORMAT_FAILURE)
            reports.append(report.conclude())
            continue
        reports.append(_verify_signer(counter_info, counter_scope))
    return reports


def _algorithms(signer_report, signer_info):
    """(digest name, family), or None after reporting why the signature cannot be checked."""
    try:
        digest_name = _signer_digest_name(signer_info)
        family = _signer_family(signer_info, digest_name)
    except FormatError as error:
        signer_report.add("algorithm", r.FAILED, str(error), _subindication_of(error))
        return None
    signer_report.algorithm = messages.ALGORITHM_TITLES[family]
    signer_report.digest_algorithm = messages.DIGEST_TITLES[digest_name]
    return digest_name, family


def _verify_signer(signer_info, scope):
    budget.spend()  # a signer, countersigner or timestamp's signer is work even when no check is reached
    signer_report = r.SignerReport()
    unsigned = attributes.unsigned_attributes(signer_info)
    signer_report.other_attributes = attributes.other_attributes(signer_info)
    certificates, crls, responses = validation_data.signer_values(unsigned)
    if certificates or crls or responses:
        scope = replace(scope, certificates=scope.certificates + certificates,
                        store=scope.store.extended(certificates=certificates, crls=crls, ocsp_responses=responses))
    cert = _find_signer_certificate(signer_info, scope)
    if cert is not None:  # the signer is named even when its algorithm is unknown
        signer_report.identity = identity_from_certificate(cert)
    algorithms = _algorithms(signer_report, signer_info)
    if cert is None:
        signer_report.add("signing_certificate", r.FAILED, messages.SIGNER_CERTIFICATE_NOT_FOUND,
                          r.NO_SIGNING_CERTIFICATE_FOUND)
    if cert is None or algorithms is None:
        return signer_report.conclude()
    digest_name, family = algorithms
    try:
        signer_report.parameter_set = gost_curve_name(cert.spki_der)
    except FormatError:
        pass
    signed_digest = _check_content(signer_report, signer_info, scope, cert, digest_name)
    _check_signature_value(signer_report, signer_info, cert, family, digest_name, signed_digest)
    stamp = None
    if unsigned.get(oids.ATTR_SIGNATURE_TIMESTAMP) and scope.fixed_time is None:
        stamp = timestamps.check_timestamps(signer_report, unsigned[oids.ATTR_SIGNATURE_TIMESTAMP],
                                            signer_info["signature"].native, _timestamp_verifier(scope))
    _check_path(signer_report, cert, scope, stamp)
    if scope.signed_data is not None and scope.econtent_type is not None and scope.fixed_time is None:
        archive.check_archive_timestamps(signer_report, unsigned, scope.signed_data, signer_info, scope.digest_of,
                                         _timestamp_verifier(scope))
    signer_report.countersigners = _countersigners(signer_info, unsigned, scope)
    return signer_report.conclude()


def _certificates(signed_data):
    return [load_certificate(item.dump()) for item in signed_data["certificates"] if is_certificate_choice(item)]


def _content_digests(signed_data, document):
    """{digest name: digest} of the document (or the embedded content) for every signer's algorithm,
    reading it once; None when there is nothing to hash."""
    names = archive.imprint_digest_names(signed_data)
    for signer_info in signed_data["signer_infos"]:
        try:
            names.add(_signer_digest_name(signer_info))
        except FormatError:
            continue  # reported per signer
    if document is None:
        embedded = signed_data["encap_content_info"]["content"]
        if embedded.native is None:
            return None
        document = embedded.native
    return digest_document(document, names)


def _now():
    return datetime.now(UTC)


def _aware(moment):
    if moment is None:
        return _now()
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _verify(signature, document, store, validation_time):
    der, padding = split_trailing(signature_to_der(signature))
    notes = [messages.TRAILING_PADDING.format(count=padding)] if padding else []
    signed_data = load_signed_data(der)
    if not len(signed_data["signer_infos"]):
        return r.VerificationReport.failure(r.FORMAT_FAILURE, messages.NO_SIGNERS, validation_time)
    digests = _content_digests(signed_data, document)
    if digests is None:
        return r.VerificationReport.failure(r.SIGNED_DATA_NOT_FOUND, messages.DOCUMENT_MISSING, validation_time)
    scope = _Scope(
        store=store.extended(crls=validation_data.signed_data_crls(signed_data),
                             ocsp_responses=validation_data.signed_data_ocsp(signed_data)),
        certificates=_certificates(signed_data), validation_time=validation_time,
        econtent_type=signed_data["encap_content_info"]["content_type"].dotted,
        digest_of=digests.__getitem__, signed_data=signed_data)
    signers = [_verify_signer(signer_info, scope) for signer_info in signed_data["signer_infos"]]
    report = r.VerificationReport.from_signers(signers, validation_time)
    report.notes = notes
    return report


def verify_cms(signature, document=None, trust_store=None, *, at=None) -> r.VerificationReport:
    """Verify `signature` (DER, BER, PEM or base64) over `document` (path, bytes or binary file; None
    to use the content embedded in an attached signature). `at` is the validation time (default:
    now), used when the signature carries no signing time and to reject signing times in the future."""
    validation_time = _aware(at)
    store = trust_store if trust_store is not None else TrustStore()
    try:
        with budget.opened():
            return _verify(signature, document, store, validation_time)
    except budget.WorkLimitExceeded:
        return r.VerificationReport.failure(r.GENERIC, messages.TOO_MUCH_WORK, validation_time)
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
