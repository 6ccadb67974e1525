"""Validation data carried inside the signature: the SignedData's certificates, CRLs and OCSP
responses (RFC 5652 10.2.1; RFC 5940 2.1: OCSP as an other RevocationInfoChoice, id-ri-ocsp-response)
and the CAdES-X-L values (ETSI EN 319 122-1, 5.5.2 certificate-values, 5.5.3 revocation-values: CRLs
and BasicOCSPResponses), so that an archived signature verifies offline. OCSP responses stay raw DER
here; ocsp.parse_basic reads one when a certificate needs it."""

import logging

from asn1crypto import core

from . import budget, oids
from .asn1 import ASN1_ERRORS, count_values, is_certificate_choice
from .certs import load_certificate, load_crl
from .errors import FormatError

logger = logging.getLogger(__name__)

RI_OCSP_RESPONSE = "1.3.6.1.5.5.7.16.2"  # id-ri-ocsp-response (RFC 5940)
OCSP_BASIC = "1.3.6.1.5.5.7.48.1.1"


class CertificateValues(core.SequenceOf):
    _child_spec = core.Any


class _CrlValues(core.SequenceOf):
    _child_spec = core.Any


class OtherRevocationInfo(core.Sequence):
    """OtherRevocationInfoFormat (RFC 5652 10.2.1), the [1] IMPLICIT choice of RevocationInfoChoice."""
    _fields = [("format", core.ObjectIdentifier), ("info", core.Any)]


class RevocationValues(core.Sequence):
    """RevocationValues (ETSI EN 319 122-1, 5.5.3); other values are kept raw."""
    _fields = [
        ("crl_vals", _CrlValues, {"explicit": 0, "optional": True}),
        ("ocsp_vals", _CrlValues, {"explicit": 1, "optional": True}),
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
    """The plain CRLs of RevocationInfoChoices (other formats: signed_data_ocsp)."""
    return _crls(item for item in signed_data["crls"] if is_certificate_choice(item))


def _basic_of_response(response_der):
    """The BasicOCSPResponse DER inside an OCSPResponse DER (ResponseBytes, RFC 6960 4.2.1)."""
    from asn1crypto import ocsp

    response = ocsp.OCSPResponse.load(response_der)
    if response["response_status"].native != "successful" or \
            response["response_bytes"]["response_type"].dotted != OCSP_BASIC:
        return None
    return response["response_bytes"]["response"].contents


def signed_data_ocsp(signed_data):
    """BasicOCSPResponse DERs of the `crls` other choices whose format is id-ri-ocsp-response."""
    found = []
    for item in signed_data["crls"]:
        encoded = item.dump()
        if encoded[:1] != b"\xa1":  # [1] IMPLICIT OtherRevocationInfoFormat
            continue
        try:
            other = OtherRevocationInfo.load(b"\x30" + encoded[1:])
            if other["format"].dotted == RI_OCSP_RESPONSE:
                basic = _basic_of_response(other["info"].dump())
                found += [basic] if basic is not None else []
        except ASN1_ERRORS:
            logger.info("an embedded OCSP response is unreadable; skipped")
    return found


def _spend_on_items(value):
    """Each certificate, CRL or OCSP response carried is work (budget.CHECKS), counted before parsing."""
    budget.spend(count_values(value.contents, budget.remaining()))


def signer_values(unsigned):
    """(certificates, crls, BasicOCSPResponse DERs) from a signer's certificate-values and
    revocation-values attributes."""
    certificates, crls, responses = [], [], []
    for value in unsigned.get(oids.ATTR_CERTIFICATE_VALUES, []):
        try:
            _spend_on_items(value)
            certificates += _certificates(CertificateValues.load(value.dump()))
        except ASN1_ERRORS:
            logger.info("certificate-values unreadable; ignored")
    for value in unsigned.get(oids.ATTR_REVOCATION_VALUES, []):
        try:
            values = RevocationValues.load(value.dump())
            for name in ("crl_vals", "ocsp_vals"):
                if not isinstance(values[name], core.Void):
                    _spend_on_items(values[name])
            crl_values = values["crl_vals"]
            crls += _crls(crl_values) if not isinstance(crl_values, core.Void) else []
            ocsp_values = values["ocsp_vals"]
            responses += [item.dump() for item in ocsp_values] if not isinstance(ocsp_values, core.Void) else []
        except ASN1_ERRORS:
            logger.info("revocation-values unreadable; ignored")
    return certificates, crls, responses

