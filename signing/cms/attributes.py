"""Signed attributes (RFC 5652 section 11, RFC 5035): reading them and checking them."""

import hmac
from datetime import timedelta

from asn1crypto import core, tsp

from .. import gost
from . import oids
from . import report as r
from .asn1 import ASN1_ERRORS
from .report import messages

# A signing time a little ahead of our clock is a skewed clock, not a forgery.
CLOCK_SKEW = timedelta(minutes=5)


def signed_attributes(signer_info):
    """{oid: [values]} of the signed attributes, or None when the signer info has none."""
    attrs = signer_info["signed_attrs"]
    if isinstance(attrs, core.Void):
        return None
    found = {}
    for attribute in attrs:
        found.setdefault(attribute["type"].dotted, []).extend(attribute["values"])
    return found


def signed_attributes_der(signer_info) -> bytes:
    """What the signature covers: the attributes re-tagged as a SET OF (RFC 5652, 5.4), original bytes."""
    encoded = signer_info["signed_attrs"].dump()
    return b"\x31" + encoded[1:]


def _single(attrs, oid):
    values = attrs.get(oid) or []
    return values[0] if len(values) == 1 else None


def check_content_type(signer_report, attrs, econtent_type):
    value = _single(attrs, oids.ATTR_CONTENT_TYPE)
    if value is None:
        return signer_report.add("content_type", r.FAILED, messages.NO_CONTENT_TYPE, r.FORMAT_FAILURE)
    if value.dotted != econtent_type:
        return signer_report.add("content_type", r.FAILED,
                                 messages.CONTENT_TYPE_MISMATCH, r.FORMAT_FAILURE)
    return signer_report.add("content_type", r.PASSED, messages.CONTENT_TYPE_OK)


def check_message_digest(signer_report, attrs, content_digest):
    value = _single(attrs, oids.ATTR_MESSAGE_DIGEST)
    if value is None:
        return signer_report.add("message_digest", r.FAILED, messages.NO_MESSAGE_DIGEST, r.FORMAT_FAILURE)
    if not hmac.compare_digest(value.native, content_digest):
        return signer_report.add("message_digest", r.FAILED,
                                 messages.DOCUMENT_CHANGED, r.HASH_FAILURE)
    return signer_report.add("message_digest", r.PASSED, messages.MESSAGE_DIGEST_OK)


def signing_time(attrs):
    value = _single(attrs, oids.ATTR_SIGNING_TIME) if attrs else None
    return value.native if value is not None else None


def check_signing_time(signer_report, attrs, validation_time):
    if attrs is not None and len(attrs.get(oids.ATTR_SIGNING_TIME) or []) > 1:
        return signer_report.add("signing_time", r.FAILED, messages.SEVERAL_SIGNING_TIMES, r.FORMAT_FAILURE)
    moment = signing_time(attrs) if attrs else None
    if moment is None:
        return signer_report.add("signing_time", r.WARNING,
                                 messages.NO_SIGNING_TIME)
    if moment > validation_time + CLOCK_SKEW:
        return signer_report.add("signing_time", r.FAILED, messages.SIGNING_TIME_IN_FUTURE, r.FORMAT_FAILURE)
    return signer_report.add("signing_time", r.PASSED, messages.SIGNING_TIME_OK.format(moment=moment.isoformat()))


def _cert_ids(attrs):
    """(hash name, expected hash, issuer serial or None) from signingCertificateV2 / signingCertificate."""
    for oid, default_hash in ((oids.ATTR_SIGNING_CERTIFICATE_V2, "sha256"), (oids.ATTR_SIGNING_CERTIFICATE, "sha1")):
        value = _single(attrs, oid)
        if value is None:
            continue
        spec = tsp.SigningCertificateV2 if oid == oids.ATTR_SIGNING_CERTIFICATE_V2 else tsp.SigningCertificate
        first = spec.load(value.dump())["certs"][0]
        if oid == oids.ATTR_SIGNING_CERTIFICATE_V2:
            algorithm = first["hash_algorithm"]["algorithm"].dotted  # the field defaults to SHA-256
            hash_name = oids.DIGESTS.get(algorithm, algorithm)
            expected = first["cert_hash"].native
        else:
            hash_name, expected = default_hash, first["cert_hash"].native
        serial = first["issuer_serial"]["serial_number"].native if first["issuer_serial"].native else None
        return hash_name, expected, serial
    return None


def check_signing_certificate(signer_report, attrs, cert):
    try:
        found = _cert_ids(attrs)
    except ASN1_ERRORS:
        return signer_report.add("signing_certificate", r.FAILED,
                                 messages.BROKEN_SIGNING_CERTIFICATE, r.FORMAT_FAILURE)
    if found is None:
        return signer_report.add("signing_certificate", r.SKIPPED, messages.NO_SIGNING_CERTIFICATE_ATTRIBUTE)
    hash_name, expected, serial = found
    try:
        actual = gost.new(hash_name, cert.der).digest()
    except gost.UnknownDigest:
        return signer_report.add("signing_certificate", r.FAILED,
                                 messages.UNKNOWN_CERTIFICATE_HASH.format(name=hash_name), r.FORMAT_FAILURE)
    if actual != expected or (serial is not None and serial != cert.serial):
        return signer_report.add("signing_certificate", r.FAILED,
                                 messages.OTHER_SIGNING_CERTIFICATE,
                                 r.NO_SIGNING_CERTIFICATE_FOUND)
    return signer_report.add("signing_certificate", r.PASSED, messages.SIGNING_CERTIFICATE_OK)
