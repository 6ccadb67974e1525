"""Validation data carried inside the signature: the SignedData's certificates and CRLs (RFC 5652
10.2.1) and the CAdES-X-L values (ETSI EN 319 122-1, 5.5.2 certificate-values, 5.5.3
revocation-values), so that an archived signature verifies offline."""

import logging

from asn1crypto import core

from . import oids
from .asn1 import ASN1_ERRORS, is_certificate_choice
from .certs import load_certificate, load_crl
from .errors import FormatError

logger = logging.getLogger(__name__)


class CertificateValues(core.SequenceOf):
    _child_spec = core.Any


class _CrlValues(core.SequenceOf):
    _child_spec = core.Any


class RevocationValues(core.Sequence):
    """RevocationValues (ETSI EN 319 122-1, 5.5.3); OCSP and other values are kept raw."""
    _fields = [
        ("crl_vals", _CrlValues, {"explicit": 0, "optional": True}),
        ("ocsp_vals", core.Any, {"explicit": 1, "optional": True}),
        ("other_rev_vals", core.Any, {"explicit": 2, "optional": True}),
    ]


def _certificates(raw_items):
    found = []
    for item in raw_items:
        try:
            found.append(load_certificate(item.dump()))
        except FormatError:
            logger.info("an embedded certificate is unreadable; skipped")
    return found


def _crls(raw_items):
    found = []
    for item in raw_items:
        try:
            found.append(load_crl(item.dump()))
        except FormatError:
            logger.info("an embedded CRL is unreadable; skipped")
    return found


def signed_data_crls(signed_data):
    """The plain CRLs of RevocationInfoChoices (other formats, such as OCSP, are left aside)."""
    return _crls(item for item in signed_data["crls"] if is_certificate_choice(item))


def signer_values(unsigned):
    """(certificates, crls) from a signer's certificate-values and revocation-values attributes."""
    certificates, crls = [], []
    for value in unsigned.get(oids.ATTR_CERTIFICATE_VALUES, []):
        try:
            certificates += _certificates(CertificateValues.load(value.dump()))
        except ASN1_ERRORS:
            logger.info("certificate-values unreadable; ignored")
    for value in unsigned.get(oids.ATTR_REVOCATION_VALUES, []):
        try:
            values = RevocationValues.load(value.dump())
            crl_values = values["crl_vals"]
            crls += _crls(crl_values) if not isinstance(crl_values, core.Void) else []
        except ASN1_ERRORS:
            logger.info("revocation-values unreadable; ignored")
    return certificates, crls

