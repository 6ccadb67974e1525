"""ASN.1 helpers on top of asn1crypto: decoding the signature input as real software writes it, a
tolerant SignedData schema, and structures asn1crypto does not know (it refuses to parse GOST public
keys, so we read the SubjectPublicKeyInfo ourselves).

Only what the verifier checks is parsed. Certificates, CRLs and attribute values are kept as raw
`core.Any` here and parsed one by one where needed, so that an attribute the verifier does not need
(a CAdES-X reference, a timestamp whose certificates carry GOST keys, anything unknown) can never
fail a signature (RFC 5652 5.3: unsigned attributes are not covered by the signature).
"""

import base64
import binascii
import re

from asn1crypto import cms, core, parser, pem

from . import budget
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


class AnySet(core.SetOf):
    _child_spec = core.Any


class RawAttribute(core.Sequence):
    """Attribute (RFC 5652 5.3) with its values left unparsed."""
    _fields = [("type", core.ObjectIdentifier), ("values", AnySet)]


class RawAttributes(core.SetOf):
    _child_spec = RawAttribute


class RawSignerInfo(core.Sequence):
    """SignerInfo (RFC 5652 5.3); the attributes' values are parsed only on demand."""
    _fields = [
        ("version", core.Integer),
        ("sid", cms.SignerIdentifier),
        ("digest_algorithm", RawAlgorithm),
        ("signed_attrs", RawAttributes, {"implicit": 0, "optional": True}),
        ("signature_algorithm", RawAlgorithm),
        ("signature", core.OctetString),
        ("unsigned_attrs", RawAttributes, {"implicit": 1, "optional": True}),
    ]


class RawSignerInfos(core.SetOf):
    _child_spec = RawSignerInfo


class RawEncapsulatedContentInfo(core.Sequence):
    _fields = [("content_type", core.ObjectIdentifier),
               ("content", core.OctetString, {"explicit": 0, "optional": True})]


class RawAlgorithms(core.SetOf):
    _child_spec = RawAlgorithm


class RawSignedData(core.Sequence):
    """SignedData (RFC 5652 5.1): certificates and CRLs as raw choices (RFC 5652 10.2.1, 10.2.2)."""
    _fields = [
        ("version", core.Integer),
        ("digest_algorithms", RawAlgorithms),
        ("encap_content_info", RawEncapsulatedContentInfo),
        ("certificates", AnySet, {"implicit": 0, "optional": True}),
        ("crls", AnySet, {"implicit": 1, "optional": True}),
        ("signer_infos", RawSignerInfos),
    ]


class RawContentInfo(core.Sequence):
    """ContentInfo holding a SignedData (the content is parsed only after the type was checked)."""
    _fields = [("content_type", core.ObjectIdentifier),
               ("content", RawSignedData, {"explicit": 0, "optional": True})]


# --- The signature as it arrives ----------------------------------------------------------------------

_BASE64_TEXT = re.compile(rb"^[A-Za-z0-9+/=\-_\s]+$")
_UTF8_BOM = b"\xef\xbb\xbf"
# What a PDF cut, a text editor or a transfer leaves after the DER (OpenSSL ignores it too).
_PADDING = b"\x00 \t\r\n"


def _text_bytes(raw: bytes) -> bytes:
    """ASCII text of a base64/PEM file: without a BOM, UTF-16 decoded, quotes and JSON escapes removed."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) > 3 and raw[1:4:2] == b"\x00\x00"):
        encoding = "utf-16" if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-16-le"
        raw = raw.decode(encoding, "replace").encode("ascii", "replace")
    if raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM):]
    data = raw.strip().strip(b"\x00").strip()
    if len(data) >= 2 and data[:1] == data[-1:] and data[:1] in (b'"', b"'"):
        data = data[1:-1].replace(b"\\r", b"").replace(b"\\n", b"\n").replace(b"\\/", b"/")
    return data


def _decode_base64(data: bytes) -> bytes:
    compact = b"".join(data.split())
    if b"-" in compact or b"_" in compact:  # base64url (RFC 4648, 5)
        compact = compact.replace(b"-", b"+").replace(b"_", b"/")
    if b"=" not in compact and len(compact) % 4:
        compact += b"=" * (-len(compact) % 4)
    try:
        return base64.b64decode(compact, validate=True)
    except binascii.Error as error:
        raise FormatError(messages.BAD_BASE64.format(error=error)) from error


def signature_to_der(signature) -> bytes:
    """DER (or BER) bytes from DER, PEM of any label (CMS, PKCS7, SIGNED MESSAGE) or base64 in the
    shapes seen in the wild: broken into lines, with a UTF-8 BOM, quoted, base64url, UTF-16 text."""
    if isinstance(signature, str):
        signature = signature.encode("utf-8", "replace")
    raw = bytes(signature)
    if raw.startswith(b"\x30"):  # a DER SEQUENCE; base64 of DER starts with "M" instead
        return raw  # never strip DER: its last bytes may well look like whitespace
    data = _text_bytes(raw)
    if not data:
        raise FormatError(messages.EMPTY_SIGNATURE)
    if pem.detect(data):
        try:
            return pem.unarmor(data)[2]
        except ValueError as error:
            raise FormatError(messages.BAD_PEM.format(error=error)) from error
    if _BASE64_TEXT.match(data):
        return _decode_base64(data)
    raise FormatError(messages.UNRECOGNISED_SIGNATURE)


def split_trailing(der: bytes):
    """(the outer DER/BER object, the count of padding bytes after it). Whitespace or zeros after it
    are accepted as OpenSSL does; anything else is a FormatError."""
    try:
        _, _, _, header, contents, trailer = parser.parse(der)
    except ASN1_ERRORS as error:
        raise FormatError(messages.BROKEN_CMS.format(error=error)) from error
    end = len(header) + len(contents) + len(trailer)
    rest = der[end:]
    if rest.strip(_PADDING):
        raise FormatError(messages.TRAILING_GARBAGE.format(count=len(rest)))
    return der[:end], len(rest)


def load_signed_data(der: bytes) -> RawSignedData:
    """The SignedData inside a ContentInfo, its structure parsed (values of attributes, certificates
    and CRLs are parsed later, one by one)."""
    try:
        info = RawContentInfo.load(der, strict=True)
        if info["content_type"].dotted != SIGNED_DATA:
            raise FormatError(messages.NOT_SIGNED_DATA.format(oid=info["content_type"].dotted))
        signed_data = info["content"]
        if isinstance(signed_data, core.Void):
            raise FormatError(messages.BROKEN_CMS.format(error="SignedData"))
        for name in ("signer_infos", "certificates", "crls"):
            if not isinstance(signed_data[name], core.Void):
                budget.spend(count_values(signed_data[name].contents, budget.remaining()))
        # Force the lazy parser over the structure we read later (not over attribute values).
        _parsed(signed_data["version"].native, signed_data["encap_content_info"].native,
                [algorithm["algorithm"].dotted for algorithm in signed_data["digest_algorithms"]],
                [item.dump() for name in ("certificates", "crls") for item in signed_data[name]])
        for signer_info in signed_data["signer_infos"]:
            touch_signer_info(signer_info)
    except FormatError:
        raise
    except ASN1_ERRORS as error:
        raise FormatError(messages.BROKEN_CMS.format(error=error)) from error
    return signed_data


def count_values(contents: bytes, limit: int) -> int:
    """How many BER values `contents` holds, counting no further than limit + 1 (headers only, so a SET
    of a million tiny values is refused before asn1crypto would parse them all)."""
    pointer, count, size = 0, 0, len(contents)
    while pointer < size and count <= limit:
        _value, pointer = parser._parse(contents, size, pointer)  # the parser asn1crypto itself uses
        count += 1
    return count


def _parsed(*values):
    """Takes what was read only to make asn1crypto's lazy parser fail here rather than later."""
    return values


def touch_signer_info(signer_info):
    """Parse a signer info's own fields and its attributes' types (not their values)."""
    _parsed(signer_info["version"].native, signer_info["sid"].native, signer_info["signature"].native,
            signer_info["digest_algorithm"]["algorithm"].dotted, signer_info["signature_algorithm"]["algorithm"].dotted)
    for name in ("signed_attrs", "unsigned_attrs"):
        if not isinstance(signer_info[name], core.Void):
            budget.spend(count_values(signer_info[name].contents, budget.remaining(budget.VALUES)), budget.VALUES)
            for attribute in signer_info[name]:
                values = attribute["values"]
                budget.spend(count_values(values.contents, budget.remaining(budget.VALUES)), budget.VALUES)
            _parsed([(attribute["type"].dotted, len(attribute["values"])) for attribute in signer_info[name]])


def attribute_map(attrs):
    """{oid: [raw values]} of a RawAttributes, or None when absent."""
    if isinstance(attrs, core.Void):
        return None
    found = {}
    for attribute in attrs:
        found.setdefault(attribute["type"].dotted, []).extend(attribute["values"])
    return found


def parse_value(value, spec):
    """A raw attribute value parsed with `spec`; FormatError when it does not parse."""
    try:
        parsed = spec.load(value.dump())
        _parsed(parsed.native)
    except ASN1_ERRORS as error:
        raise FormatError(messages.BAD_ATTRIBUTE.format(error=error)) from error
    return parsed


def is_certificate_choice(item) -> bool:
    """A plain X.509 certificate among the CertificateChoices (not an attribute or other certificate)."""
    return item.dump()[:1] == b"\x30"  # universal, constructed SEQUENCE


def public_key_info(spki_der: bytes) -> RawPublicKeyInfo:
    try:
        info = RawPublicKeyInfo.load(spki_der)
        _parsed(info.native)
    except ASN1_ERRORS as error:
        raise FormatError(messages.BAD_PUBLIC_KEY.format(error=error)) from error
    return info


def gost_key_parameters(info: RawPublicKeyInfo) -> GostKeyParameters:
    params = info["algorithm"]["parameters"]
    if params.native is None:
        raise FormatError(messages.GOST_KEY_WITHOUT_PARAMETERS)
    try:
        parsed = GostKeyParameters.load(params.dump())
        _parsed(parsed.native)
    except ASN1_ERRORS as error:
        raise FormatError(messages.BAD_GOST_KEY_PARAMETERS.format(error=error)) from error
    return parsed


def gost_public_key_bytes(info: RawPublicKeyInfo) -> bytes:
    """The key blob: the BIT STRING holds a DER OCTET STRING with X||Y (RFC 4491, 2.3.2)."""
    try:
        return core.OctetString.load(info["public_key"].contents[1:]).native
    except ASN1_ERRORS as error:
        raise FormatError(messages.BAD_GOST_KEY.format(error=error)) from error
