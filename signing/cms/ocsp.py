"""OCSP (RFC 6960) beside CRLs: responses the signature carries (CAdES-X-L/A revocation values, OCSP
in the CMS `crls` as an other RevocationInfoChoice) and, failing those, the responder named in the
certificate's authorityInfoAccess. A response (GOST-signed too) counts only when it is signed by the
issuer, or by a responder certificate the issuer issued for OCSPSigning (4.2.2.2) that was valid when
the response was produced and is either marked id-pkix-ocsp-nocheck (4.2.2.2.1) or shown not revoked
by the issuer's CRL; it must name this certificate, and a fetched one must echo our nonce when it
carries one (4.4.1). Fetched answers are cached until their nextUpdate (at most `max_age`), and the
report gives the time they were fetched.

`OcspClient(timeout=10, max_age=timedelta(hours=1))(cert, issuer, now, responder_status=None)` ->
OcspAnswer or None (no responder, or no usable answer: the caller falls back to "not checked").
`responder_status(responder_cert, issuer)` -> "good" / "revoked" / None (unknown) is given by the
caller from its CRLs. `parse_basic(der, cert, issuer, ...)` reads an embedded BasicOCSPResponse.
No Django here.
"""

import hashlib
import hmac
import logging
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from asn1crypto import core, ocsp

from .asn1 import ASN1_ERRORS, public_key_info
from .certs import extension_value, load_certificate
from .chain import issued_by, signed_object_is_valid
from .errors import FormatError

logger = logging.getLogger(__name__)

AIA = "1.3.6.1.5.5.7.1.1"
OCSP_METHOD = "1.3.6.1.5.5.7.48.1"
EKU_OCSP_SIGNING = "1.3.6.1.5.5.7.3.9"
OCSP_NOCHECK = "1.3.6.1.5.5.7.48.1.5"
OCSP_NONCE = "1.3.6.1.5.5.7.48.1.2"
MAX_RESPONSE_BYTES = 1 << 20


@dataclass(frozen=True)
class OcspAnswer:
    status: str  # "good", "revoked" or "unknown"
    revoked_at: datetime | None
    this_update: datetime
    next_update: datetime | None
    fetched_at: datetime  # for an embedded response: its producedAt
    url: str  # "" for a response the signature carries


def responder_urls(cert):
    """HTTP(S) OCSP responders of the certificate's authorityInfoAccess; none when it is malformed (an
    extension only OCSP needs must not fail the verification)."""
    urls = []
    try:
        for description in extension_value(cert.asn1, AIA) or []:
            location = description["access_location"]
            if description["access_method"].dotted == OCSP_METHOD and location.name == "uniform_resource_identifier":
                urls.append(location.native)
    except ASN1_ERRORS:
        logger.info("authorityInfoAccess of serial %x is unreadable; no OCSP", cert.serial)
        return []
    return [url for url in urls if url.startswith(("http://", "https://"))]


def _cert_id(cert, issuer):
    """CertID with SHA-1 (RFC 6960 4.1.1; what responders, GOST ones included, accept everywhere)."""
    key_bits = public_key_info(issuer.spki_der)["public_key"].contents[1:]  # asn1crypto cannot read GOST keys
    return ocsp.CertId({
        "hash_algorithm": {"algorithm": "sha1"},
        "issuer_name_hash": hashlib.sha1(issuer.subject.dump()).digest(),
        "issuer_key_hash": hashlib.sha1(key_bits).digest(),
        "serial_number": cert.serial,
    })


def request_der(cert, issuer, nonce=None):
    tbs = {"request_list": [{"req_cert": _cert_id(cert, issuer)}]}
    if nonce is not None:
        tbs["request_extensions"] = [{"extn_id": "nonce", "critical": False, "extn_value": nonce}]
    return ocsp.OCSPRequest({"tbs_request": tbs}).dump()


def _delegated_responder_ok(responder, issuer, produced_at, responder_status):
    """A responder certificate the issuer certified for OCSPSigning, valid when the response was
    produced, and nocheck or not revoked (RFC 6960 4.2.2.2, 4.2.2.2.1)."""
    if not responder.extended_key_usage or EKU_OCSP_SIGNING not in responder.extended_key_usage:
        return False
    if not issued_by(responder, issuer) or not responder.not_before <= produced_at <= responder.not_after:
        return False
    if _has_extension(responder, OCSP_NOCHECK):
        return True
    return responder_status is not None and responder_status(responder, issuer) == "good"


def _has_extension(cert, oid):
    return any(extension["extn_id"].dotted == oid for extension in cert.asn1["tbs_certificate"]["extensions"])


def _signers(basic, issuer, produced_at, responder_status):
    """The issuer, and the delegated responders among the response's certificates."""
    candidates = [issuer]
    certs = basic["certs"]  # not .native: asn1crypto cannot parse GOST keys
    for item in [] if isinstance(certs, core.Void) else certs:
        try:
            responder = load_certificate(item.dump())
        except FormatError:
            continue
        if _delegated_responder_ok(responder, issuer, produced_at, responder_status):
            candidates.append(responder)
    return candidates


def _parameters(algorithm):
    params = algorithm["parameters"]
    return None if isinstance(params, core.Void) or params.native is None else params.dump()


def _response_nonce(tbs):
    extensions = tbs["response_extensions"]
    for extension in [] if isinstance(extensions, core.Void) else extensions:
        if extension["extn_id"].dotted == OCSP_NONCE:
            value = extension["extn_value"].contents
            try:  # the nonce is an OCTET STRING inside the extension's (RFC 8954 2.1); some send it bare
                return core.OctetString.load(value).native
            except ASN1_ERRORS:
                return value
    return None


def parse_basic(basic_der, cert, issuer, *, url="", fetched_at=None, nonce=None, responder_status=None):
    """OcspAnswer for `cert` from a DER BasicOCSPResponse; FormatError when it is unusable for it."""
    try:
        basic = ocsp.BasicOCSPResponse.load(basic_der)
        tbs = basic["tbs_response_data"]
        produced_at = tbs["produced_at"].native
        if nonce is not None:
            echoed = _response_nonce(tbs)
            if echoed is not None and not hmac.compare_digest(echoed, nonce):
                raise FormatError("OCSP: the response's nonce is not ours (a replayed answer)")
        algorithm = basic["signature_algorithm"]
        signed = any(
            _safe_valid(signer, tbs.dump(), algorithm["algorithm"].dotted, _parameters(algorithm),
                        basic["signature"].native)
            for signer in _signers(basic, issuer, produced_at, responder_status))
        if not signed:
            raise FormatError("OCSP: the response is not signed by the issuer or a responder it authorised")
        wanted = _cert_id(cert, issuer)
        for single in tbs["responses"]:
            cert_id = single["cert_id"]
            if cert_id["serial_number"].native == cert.serial and \
                    cert_id["issuer_key_hash"].native == wanted["issuer_key_hash"].native:
                status = single["cert_status"]
                revoked_at = status.chosen["revocation_time"].native if status.name == "revoked" else None
                return OcspAnswer(status.name, revoked_at, single["this_update"].native,
                                  single["next_update"].native, fetched_at or produced_at, url)
    except ASN1_ERRORS as error:
        raise FormatError(f"OCSP: {error}") from error
    raise FormatError("OCSP: the response does not name this certificate")


def parse_response(data, cert, issuer, *, url="", fetched_at=None, nonce=None, responder_status=None):
    """OcspAnswer from a DER OCSPResponse; FormatError when it is unusable for this certificate."""
    try:
        response = ocsp.OCSPResponse.load(data)
        if response["response_status"].native != "successful":
            raise FormatError(f"OCSP: {response['response_status'].native}")
        basic_der = response["response_bytes"]["response"].contents
    except ASN1_ERRORS as error:
        raise FormatError(f"OCSP: {error}") from error
    return parse_basic(basic_der, cert, issuer, url=url, fetched_at=fetched_at or datetime.now(UTC), nonce=nonce,
                       responder_status=responder_status)


def _safe_valid(signer, tbs_der, algorithm, params, signature):
    try:
        return signed_object_is_valid(signer, tbs_der, algorithm, params, signature)
    except FormatError:
        return False


class OcspClient:
    """Asks responders over HTTP and caches the answers (per issuer key and serial)."""

    def __init__(self, *, timeout=10, max_age=timedelta(hours=1), opener=None):
        import urllib.request  # here: http.client and ssl cost the lean command line start-up

        self.timeout, self.max_age = timeout, max_age
        self.opener = opener or urllib.request.urlopen
        self._cache, self._lock = {}, threading.Lock()

    def _cached(self, key, now):
        with self._lock:
            answer = self._cache.get(key)
        if answer is None:
            return None
        expires = answer.fetched_at + self.max_age
        if answer.next_update is not None:
            expires = min(expires, answer.next_update)
        return answer if now < expires else None

    def _fetch(self, url, cert, issuer, responder_status):
        import urllib.request

        nonce = os.urandom(16)
        request = urllib.request.Request(url, data=request_der(cert, issuer, nonce),
                                         headers={"Content-Type": "application/ocsp-request"})
        with self.opener(request, timeout=self.timeout) as response:
            data = response.read(MAX_RESPONSE_BYTES + 1)
        if len(data) > MAX_RESPONSE_BYTES:
            raise FormatError("OCSP: the response is too large")
        return parse_response(data, cert, issuer, url=url, nonce=nonce, responder_status=responder_status)

    def __call__(self, cert, issuer, now=None, responder_status=None):
        now = now or datetime.now(UTC)
        key = (issuer.spki_der, cert.serial)
        cached = self._cached(key, now)
        if cached is not None:
            return cached
        for url in responder_urls(cert):
            try:
                answer = self._fetch(url, cert, issuer, responder_status)
            except (OSError, FormatError, *ASN1_ERRORS) as error:  # a bad responder never breaks a verification
                logger.info("OCSP %s for serial %x: %s", url, cert.serial, error)
                continue
            if answer.next_update is not None and answer.next_update < now:
                continue  # stale: like an out-of-date CRL, it proves nothing about today
            with self._lock:
                self._cache[key] = answer
            return answer
        return None
