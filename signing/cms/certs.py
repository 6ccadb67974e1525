"""Certificates and CRLs, parsed once into the facts the verifier needs.

asn1crypto cannot parse GOST public keys, so nothing here touches `public_key`; the key is handed on
as the raw SubjectPublicKeyInfo DER and interpreted in keys.py.

Only the extensions the verifier uses are parsed (`extension_value`), never through asn1crypto's
`*_value` properties: those parse every extension asn1crypto knows at once, so a malformed extension
nobody needs (an authorityInfoAccess, a policy qualifier) would make the whole certificate unreadable,
where OpenSSL accepts it.
"""

from dataclasses import dataclass, field
from datetime import datetime

from asn1crypto import crl as asn1_crl
from asn1crypto import x509

from .asn1 import ASN1_ERRORS
from .errors import FormatError
from .report import messages


@dataclass(frozen=True, eq=False)
class CertificateInfo:
    der: bytes
    asn1: x509.Certificate = field(repr=False)
    subject: x509.Name = field(repr=False)
    issuer: x509.Name = field(repr=False)
    serial: int
    not_before: datetime
    not_after: datetime
    subject_key_id: bytes | None
    authority_key_id: bytes | None
    is_ca: bool | None  # None: no basicConstraints extension
    path_length: int | None
    key_usage: frozenset | None  # None: no keyUsage extension
    spki_der: bytes = field(repr=False)
    tbs_der: bytes = field(repr=False)
    signature_algorithm: str
    signature_parameters: bytes | None = field(repr=False)
    signature_value: bytes = field(repr=False)
    extended_key_usage: frozenset | None = None  # dotted OIDs; None: no extension
    critical_extensions: frozenset = frozenset()  # dotted OIDs of the critical extensions

    @property
    def subject_text(self):
        return format_name(self.subject)

    @property
    def issuer_text(self):
        return format_name(self.issuer)

    @property
    def serial_hex(self):
        return format(self.serial, "x")

    def same_as(self, other):
        return self.der == other.der


def format_name(name):
    """"CN=…, O=…" with the Russian labels CryptoPro shows for INN, OGRN and SNILS."""
    parts = []
    try:
        for rdn in reversed(list(name.chosen)):
            for pair in rdn:
                oid = pair["type"].dotted
                value = pair["value"].native
                parts.append("%s=%s" % (messages.NAME_LABELS.get(oid, oid), value))
    except ASN1_ERRORS:
        return messages.UNPARSED_NAME
    return ", ".join(parts)


def _parameters_der(algorithm):
    params = algorithm["parameters"]
    return None if params.native is None else params.dump()


def extension_value(cert, oid):
    """The parsed value of the certificate's extension `oid` (dotted), or None when absent; this one
    extension only. asn1crypto's ASN1 errors propagate for a malformed value."""
    for extension in cert["tbs_certificate"]["extensions"]:
        if extension["extn_id"].dotted == oid:
            value = extension["extn_value"].parsed
            _ = value.native  # parse it all now: a malformed value fails here, not later
            return value
    return None


def _extended_key_usage(cert):
    usages = extension_value(cert, "2.5.29.37")
    return None if usages is None else frozenset(purpose.dotted for purpose in usages)


def load_certificate(der: bytes) -> CertificateInfo:
    """Parse a DER certificate; FormatError when it cannot be read."""
    try:
        cert = x509.Certificate.load(bytes(der), strict=True)
        tbs = cert["tbs_certificate"]
        _names = cert.subject.native, cert.issuer.native  # parse the names now: a bad one is a bad certificate
        constraints = extension_value(cert, "2.5.29.19")
        usage = extension_value(cert, "2.5.29.15")
        aki = extension_value(cert, "2.5.29.35")
        ski = extension_value(cert, "2.5.29.14")
        return CertificateInfo(
            der=cert.dump(), asn1=cert, subject=cert.subject, issuer=cert.issuer,
            serial=cert.serial_number,
            not_before=tbs["validity"]["not_before"].native,
            not_after=tbs["validity"]["not_after"].native,
            subject_key_id=None if ski is None else ski.native,
            authority_key_id=aki["key_identifier"].native if aki is not None else None,
            is_ca=None if constraints is None else bool(constraints["ca"].native),
            path_length=None if constraints is None else constraints["path_len_constraint"].native,
            key_usage=None if usage is None else frozenset(usage.native),
            spki_der=tbs["subject_public_key_info"].dump(),
            tbs_der=tbs.dump(),
            signature_algorithm=cert["signature_algorithm"]["algorithm"].dotted,
            signature_parameters=_parameters_der(cert["signature_algorithm"]),
            signature_value=cert["signature_value"].native,
            extended_key_usage=_extended_key_usage(cert),
            critical_extensions=frozenset(
                extension["extn_id"].dotted for extension in tbs["extensions"] if extension["critical"].native),
        )
    except ASN1_ERRORS as error:
        raise FormatError(messages.BAD_CERTIFICATE.format(error=error)) from error


@dataclass(frozen=True, eq=False)
class CrlInfo:
    der: bytes
    issuer: x509.Name = field(repr=False)
    this_update: datetime
    next_update: datetime | None
    revoked: dict  # serial -> revocation datetime
    tbs_der: bytes = field(repr=False)
    signature_algorithm: str
    signature_parameters: bytes | None = field(repr=False)
    signature_value: bytes = field(repr=False)
    # RFC 5280 5.2: {oid: parsed value} of the CRL's critical extensions (None when unreadable).
    critical_extensions: dict = field(default_factory=dict, repr=False)


def _critical_crl_extensions(tbs):
    found = {}
    for extension in tbs["crl_extensions"]:
        if extension["critical"].native:
            try:
                found[extension["extn_id"].dotted] = extension["extn_value"].parsed
            except ASN1_ERRORS:
                found[extension["extn_id"].dotted] = None
    return found


def load_crl(der: bytes) -> CrlInfo:
    try:
        crl = asn1_crl.CertificateList.load(bytes(der), strict=True)
        tbs = crl["tbs_cert_list"]
        revoked = {
            entry["user_certificate"].native: entry["revocation_date"].native
            for entry in tbs["revoked_certificates"]
        }
        return CrlInfo(
            der=crl.dump(), issuer=tbs["issuer"], this_update=tbs["this_update"].native,
            next_update=tbs["next_update"].native, revoked=revoked, tbs_der=tbs.dump(),
            signature_algorithm=crl["signature_algorithm"]["algorithm"].dotted,
            signature_parameters=_parameters_der(crl["signature_algorithm"]),
            signature_value=crl["signature"].native,
            critical_extensions=_critical_crl_extensions(tbs),
        )
    except ASN1_ERRORS as error:
        raise FormatError(messages.BAD_CRL.format(error=error)) from error

