"""Signed attributes (RFC 5652 section 11, RFC 5035): reading them and checking them."""

import hmac
from datetime import timedelta

from asn1crypto import cms, core, tsp

from .. import gost
from . import oids
from . import report as r
from .asn1 import ASN1_ERRORS, attribute_map, parse_value
from .errors import FormatError
from .report import messages

# A signing time a little ahead of our clock is a skewed clock, not a forgery.
CLOCK_SKEW = timedelta(minutes=5)


# The signed attributes the verifier reads (anything else is listed raw in the report).
USED_SIGNED = {oids.ATTR_CONTENT_TYPE, oids.ATTR_MESSAGE_DIGEST, oids.ATTR_SIGNING_TIME,
               oids.ATTR_SIGNING_CERTIFICATE, oids.ATTR_SIGNING_CERTIFICATE_V2}
USED_UNSIGNED = {oids.ATTR_COUNTERSIGNATURE, oids.ATTR_SIGNATURE_TIMESTAMP,
                 oids.ATTR_CERTIFICATE_VALUES, oids.ATTR_REVOCATION_VALUES,
                 # archive timestamps: each gets an "archive_timestamp" check (archive.py)
                 "0.4.0.1733.2.4", "1.2.840.113549.1.9.16.2.27", "1.2.840.113549.1.9.16.2.48"}


def signed_attributes(signer_info):
    """{oid: [raw values]} of the signed attributes, or None when the signer info has none."""
    return attribute_map(signer_info["signed_attrs"])


def unsigned_attributes(signer_info):
    return attribute_map(signer_info["unsigned_attrs"]) or {}


def other_attributes(signer_info):
    """The attributes the verifier does not use, as {"oid", "name", "signed", "size"} (kept unparsed)."""
    listed = []
    for field_name, used in (("signed_attrs", USED_SIGNED), ("unsigned_attrs", USED_UNSIGNED)):
        attrs = signer_info[field_name]
        if isinstance(attrs, core.Void):
            continue
        for attribute in attrs:
            oid = attribute["type"].dotted
            if oid not in used:
                listed.append({"oid": oid, "name": oids.ATTRIBUTE_NAMES.get(oid, ""),
                               "signed": field_name == "signed_attrs", "size": len(attribute.dump())})
    return listed


def signed_attributes_der(signer_info) -> bytes:
    """What the signature covers: the attributes re-tagged as a SET OF (RFC 5652, 5.4), original bytes."""
    encoded = signer_info["signed_attrs"].dump()
    return b"\x31" + encoded[1:]


_SPECS = {oids.ATTR_CONTENT_TYPE: core.ObjectIdentifier, oids.ATTR_MESSAGE_DIGEST: core.OctetString,
          oids.ATTR_SIGNING_TIME: cms.Time}


def _single(attrs, oid):
    """The one value of an attribute, parsed; None when absent, repeated or unreadable."""
    values = attrs.get(oid) or []
    if len(values) != 1:
        return None
    if oid not in _SPECS:
        return values[0]
    try:
        return parse_value(values[0], _SPECS[oid])
    except FormatError:
        return None


def check_content_type(signer_report, attrs, econtent_type):
    value = _single(attrs, oids.ATTR_CONTENT_TYPE)
    if value is None:
        return signer_report.add("content_type", r.FAILED, messages.NO_CONTENT_TYPE, r.FORMAT_FAILURE)
    if value.dotted != econtent_type:
        return signer_report.add("content_type", r.FAILED,
                                 messages.CONTENT_TYPE_MISMATCH, r.FORMAT_FAILURE)
    return signer_report.add("content_type", r.PASSED, messages.CONTENT_TYPE_OK)


def has(attrs, oid):
    return bool(attrs.get(oid))


def check_message_digest(signer_report, attrs, content_digest, *, ok=messages.MESSAGE_DIGEST_OK,
                         wrong=messages.DOCUMENT_CHANGED):
    value = _single(attrs, oids.ATTR_MESSAGE_DIGEST)
    if value is None:
        return signer_report.add("message_digest", r.FAILED, messages.NO_MESSAGE_DIGEST, r.FORMAT_FAILURE)
    if not hmac.compare_digest(value.native, content_digest):
        return signer_report.add("message_digest", r.FAILED, wrong, r.HASH_FAILURE)
    return signer_report.add("message_digest", r.PASSED, ok)


def signing_time(attrs):
    value = _single(attrs, oids.ATTR_SIGNING_TIME) if attrs else None
    try:
        return value.native if value is not None else None
    except ASN1_ERRORS:
        return None


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
