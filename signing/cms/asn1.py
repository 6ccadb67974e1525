"""ASN.1 helpers on top of asn1crypto: decoding the signature input, and structures asn1crypto does
not know (it refuses to parse GOST public keys, so we read the SubjectPublicKeyInfo ourselves)."""

import base64
import binascii
import re

from asn1crypto import cms, core, pem

from .errors import FormatError
from .oids import SIGNED_DATA
from .report import messages

# Exceptions asn1crypto raises on malformed input (it parses lazily, so they surface on first access).
ASN1_ERRORS = (ValueError, TypeError, KeyError, IndexError, OverflowError, AttributeError, UnicodeError)


class RawAlgorithm(core.Sequence):
    _fields = [("algorithm", core.ObjectIdentifier), ("parameters", core.Any, {"optional": True})]


class RawPublicKeyInfo(core.Sequence):
    _fields = [("algorithm", RawAlgorithm), ("public_key", core.BitString)]


class GostKeyParameters(core.Sequence):
    """GostR3410-2012-PublicKeyParameters (RFC 9215 / RFC 4491): the curve, optionally the digest."""
    _fields = [
        ("public_key_param_set", core.ObjectIdentifier),
        ("digest_param_set", core.ObjectIdentifier, {"optional": True}),
        ("encryption_param_set", core.ObjectIdentifier, {"optional": True}),
    ]


_BASE64_TEXT = re.compile(rb"^[A-Za-z0-9+/=\s]+$")


def signature_to_der(signature) -> bytes:
    """DER (or BER) bytes from DER, PEM of any label, or bare base64 possibly broken into lines."""
    if isinstance(signature, str):
        signature = signature.encode("ascii", "replace")
    raw = bytes(signature)
    if raw.startswith(b"\x30"):  # a DER SEQUENCE; base64 of DER starts with "M" instead
        return raw  # never strip DER: its last bytes may well look like whitespace
    data = raw.strip()
    if not data:
        raise FormatError(messages.EMPTY_SIGNATURE)
    if pem.detect(data):
        try:
            return pem.unarmor(data)[2]
        except ValueError as error:
            raise FormatError(messages.BAD_PEM.format(error=error)) from error
    if _BASE64_TEXT.match(data):
        try:
            return base64.b64decode(b"".join(data.split()), validate=True)
        except binascii.Error as error:
            raise FormatError(messages.BAD_BASE64.format(error=error)) from error
    raise FormatError(messages.UNRECOGNISED_SIGNATURE)


def load_signed_data(der: bytes) -> cms.SignedData:
    """The SignedData inside a ContentInfo, fully parsed so later access cannot fail."""
    try:
        info = cms.ContentInfo.load(der, strict=True)
        if info["content_type"].dotted != SIGNED_DATA:
            raise FormatError(messages.NOT_SIGNED_DATA.format(oid=info["content_type"].dotted))
        signed_data = info["content"]
        # Force the lazy parser over what we read later, but not the certificates: asn1crypto cannot
        # parse GOST public keys, so certificates are parsed one by one in certs.py.
        for name in ("version", "digest_algorithms", "encap_content_info", "signer_infos"):
            signed_data[name].native
        for choice in signed_data["certificates"]:
            choice.chosen
    except FormatError:
        raise
    except ASN1_ERRORS as error:
        raise FormatError(messages.BROKEN_CMS.format(error=error)) from error
    return signed_data


def public_key_info(spki_der: bytes) -> RawPublicKeyInfo:
    try:
        info = RawPublicKeyInfo.load(spki_der)
        info.native
    except ASN1_ERRORS as error:
        raise FormatError(messages.BAD_PUBLIC_KEY.format(error=error)) from error
    return info


def gost_key_parameters(info: RawPublicKeyInfo) -> GostKeyParameters:
    params = info["algorithm"]["parameters"]
    if params.native is None:
        raise FormatError(messages.GOST_KEY_WITHOUT_PARAMETERS)
    try:
        parsed = GostKeyParameters.load(params.dump())
        parsed.native
    except ASN1_ERRORS as error:
        raise FormatError(messages.BAD_GOST_KEY_PARAMETERS.format(error=error)) from error
    return parsed


def gost_public_key_bytes(info: RawPublicKeyInfo) -> bytes:
    """The key blob: the BIT STRING holds a DER OCTET STRING with X||Y (RFC 4491, 2.3.2)."""
    try:
        return core.OctetString.load(info["public_key"].contents[1:]).native
    except ASN1_ERRORS as error:
        raise FormatError(messages.BAD_GOST_KEY.format(error=error)) from error
