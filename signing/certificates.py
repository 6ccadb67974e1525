"""Reading certificate and CRL files as people export them, and storing them as trusted rows.

Windows exports a certificate as DER ".cer" (seed 002), as Base-64 ".cer" (PEM), or a chain as a
PKCS#7 ".p7b" bundle (DER or PEM); a CA publishes CRLs as DER or PEM ".crl".
"""

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass

from asn1crypto import pem
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .cms.asn1 import ASN1_ERRORS, is_certificate_choice, load_signed_data
from .cms.certs import extension_value, format_name, load_certificate, load_crl
from .cms.errors import FormatError
from .models import RevocationList, TrustedCertificate

_BASE64_TEXT = re.compile(rb"^[A-Za-z0-9+/=\s]+$")


class CertificateFileError(ValueError):
    """The file holds no readable certificate (or CRL); the message is for people."""


def _der_blocks(data: bytes):
    """DER objects in a file: PEM blocks of any label, bare base64, or one DER blob."""
    data = bytes(data)
    if pem.detect(data):
        try:
            return [der for _type, _headers, der in pem.unarmor(data, multiple=True)]
        except ValueError as error:
            raise CertificateFileError(_("The PEM text is damaged: %(error)s") % {"error": error}) from error
    stripped = data.strip()
    if stripped and not stripped.startswith(b"\x30") and _BASE64_TEXT.match(stripped):
        try:
            return [base64.b64decode(b"".join(stripped.split()), validate=True)]
        except binascii.Error:
            pass  # not base64 after all: let the DER parser say what is wrong
    return [data]


def _pkcs7_certificates(der):
    """The certificates of a PKCS#7 bundle (.p7b), or None when `der` is no SignedData."""
    try:
        signed_data = load_signed_data(der)  # the tolerant schema: certificates stay raw, signer infos unread
    except FormatError:
        return None
    return [item.dump() for item in signed_data["certificates"] if is_certificate_choice(item)]


def read_certificates(data: bytes):
    """Every certificate in a PEM, DER or .p7b file, as CertificateInfo; CertificateFileError if none."""
    if not data:
        raise CertificateFileError(_("The file is empty."))
    found = []
    for der in _der_blocks(data):
        bundle = _pkcs7_certificates(der)
        for item in bundle if bundle is not None else [der]:
            try:
                found.append(load_certificate(item))
            except FormatError as error:
                raise CertificateFileError(
                    _("This is not a certificate file (PEM, DER .cer/.crt or .p7b): %(error)s") % {"error": error}
                ) from error
    if not found:
        raise CertificateFileError(_("The file contains no certificates."))
    return found


def read_crls(data: bytes):
    """Every CRL in a PEM or DER file, as CrlInfo; CertificateFileError when unreadable."""
    if not data:
        raise CertificateFileError(_("The file is empty."))
    try:
        return [load_crl(der) for der in _der_blocks(data)]
    except FormatError as error:
        raise CertificateFileError(
            _("This is not a certificate revocation list (PEM or DER .crl): %(error)s") % {"error": error}
        ) from error


def crl_urls(info):
    """HTTP(S) addresses from the certificate's CRL distribution points extension."""
    try:
        # Only this extension: asn1crypto's crl_distribution_points would parse every other one too.
        points = extension_value(info.asn1, "2.5.29.31") or []
        urls = [point.url for point in points]
    except ASN1_ERRORS:
        return []
    return [url for url in urls if url and url.lower().startswith(("http://", "https://"))]


@dataclass(frozen=True)
class ImportResult:
    created: list
    updated: list


@transaction.atomic
def trusted_certificates_import(data: bytes, *, kind, source_name="") -> ImportResult:
    """One TrustedCertificate row per certificate in the file; a known thumbprint is updated in place."""
    created, updated = [], []
    for info in read_certificates(data):
        row, is_new = TrustedCertificate.objects.update_or_create(
            thumbprint=hashlib.sha1(info.der).hexdigest().upper(),
            defaults={
                "kind": kind, "source_name": source_name[:255], "der": info.der,
                "subject": info.subject_text, "issuer": info.issuer_text, "serial": info.serial_hex,
                "not_before": info.not_before, "not_after": info.not_after, "crl_urls": crl_urls(info),
                "is_active": True,
            },
        )
        (created if is_new else updated).append(row)
    return ImportResult(created, updated)


@transaction.atomic
def revocation_lists_import(data: bytes, *, source_url="") -> ImportResult:
    """Store the CRLs of a file. A downloaded CRL replaces the one fetched from the same address before."""
    created, updated = [], []
    for info in read_crls(data):
        fingerprint = hashlib.sha256(info.der).hexdigest()
        values = {
            "issuer": format_name(info.issuer), "der": info.der, "fingerprint": fingerprint,
            "this_update": info.this_update, "next_update": info.next_update,
            "revoked_count": len(info.revoked),
        }
        if source_url:
            values.update(source_url=source_url, fetched_at=timezone.now())
            RevocationList.objects.filter(fingerprint=fingerprint).exclude(source_url=source_url).delete()
            row, is_new = RevocationList.objects.update_or_create(source_url=source_url, defaults=values)
        else:
            row, is_new = RevocationList.objects.update_or_create(fingerprint=fingerprint, defaults=values)
        (created if is_new else updated).append(row)
    return ImportResult(created, updated)

