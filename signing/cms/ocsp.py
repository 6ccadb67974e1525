"""OCSP (RFC 6960) beside CRLs: the responder named in the certificate's authorityInfoAccess is asked
for the certificate's status; the response (GOST-signed too) must be signed by the issuer or by a
responder it certified for OCSPSigning, name this certificate, and be current. Answers are cached
until their nextUpdate (at most `max_age`), and the report gives the time they were fetched.

`OcspClient(timeout=10, max_age=timedelta(hours=1))(cert, issuer, now)` -> OcspAnswer or None (no
responder, or no usable answer: the caller falls back to "not checked"). No Django here.
"""

import hashlib
import logging
import threading
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from asn1crypto import core, ocsp

from .asn1 import ASN1_ERRORS, public_key_info
from .certs import load_certificate
from .chain import issued_by, signed_object_is_valid
from .errors import FormatError

logger = logging.getLogger(__name__)

AIA = "1.3.6.1.5.5.7.1.1"
OCSP_METHOD = "1.3.6.1.5.5.7.48.1"
EKU_OCSP_SIGNING = "1.3.6.1.5.5.7.3.9"
MAX_RESPONSE_BYTES = 1 << 20


@dataclass(frozen=True)
class OcspAnswer:
    status: str  # "good", "revoked" or "unknown"
    revoked_at: datetime | None
    this_update: datetime
    next_update: datetime | None
    fetched_at: datetime
    url: str


def responder_urls(cert):
    urls = []
    for extension in cert.asn1["tbs_certificate"]["extensions"]:
        if extension["extn_id"].dotted == AIA:
            for description in extension["extn_value"].parsed:
                location = description["access_location"]
                if description["access_method"].dotted == OCSP_METHOD and \
                        location.name == "uniform_resource_identifier":
                    urls.append(location.native)
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


def request_der(cert, issuer):
    return ocsp.OCSPRequest({"tbs_request": {"request_list": [{"req_cert": _cert_id(cert, issuer)}]}}).dump()


def _signer_of(basic, issuer):
    """The issuer, or a delegated responder certificate it issued for OCSPSigning (RFC 6960 4.2.2.2)."""
    candidates = [issuer]
    certs = basic["certs"]  # not .native: asn1crypto cannot parse GOST keys
    for item in [] if isinstance(certs, core.Void) else certs:
        try:
            responder = load_certificate(item.dump())
        except FormatError:
            continue
        if issued_by(responder, issuer) and responder.extended_key_usage and \
                EKU_OCSP_SIGNING in responder.extended_key_usage:
            candidates.append(responder)
    return candidates


def _parameters(algorithm):
    params = algorithm["parameters"]
    return None if isinstance(params, core.Void) or params.native is None else params.dump()


def parse_response(data, cert, issuer, *, url="", fetched_at=None):
    """OcspAnswer from a DER OCSPResponse; FormatError when it is unusable for this certificate."""
    try:
        response = ocsp.OCSPResponse.load(data)
        if response["response_status"].native != "successful":
            raise FormatError(f"OCSP: {response['response_status'].native}")
        basic = response["response_bytes"]["response"].parsed
        tbs = basic["tbs_response_data"]
        algorithm = basic["signature_algorithm"]
        signed = any(
            _safe_valid(signer, tbs.dump(), algorithm["algorithm"].dotted, _parameters(algorithm),
                        basic["signature"].native)
            for signer in _signer_of(basic, issuer))
        if not signed:
            raise FormatError("OCSP: the response is not signed by the issuer or its responder")
        wanted = _cert_id(cert, issuer)
        for single in tbs["responses"]:
            cert_id = single["cert_id"]
            if cert_id["serial_number"].native == cert.serial and \
                    cert_id["issuer_key_hash"].native == wanted["issuer_key_hash"].native:
                status = single["cert_status"]
                revoked_at = status.chosen["revocation_time"].native if status.name == "revoked" else None
                return OcspAnswer(status.name, revoked_at, single["this_update"].native,
                                  single["next_update"].native, fetched_at or datetime.now(UTC), url)
    except ASN1_ERRORS as error:
        raise FormatError(f"OCSP: {error}") from error
    raise FormatError("OCSP: the response does not name this certificate")


def _safe_valid(signer, tbs_der, algorithm, params, signature):
    try:
        return signed_object_is_valid(signer, tbs_der, algorithm, params, signature)
    except FormatError:
        return False


class OcspClient:
    """Asks responders over HTTP and caches the answers (per issuer key and serial)."""

    def __init__(self, *, timeout=10, max_age=timedelta(hours=1), opener=None):
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

    def _fetch(self, url, cert, issuer):
        request = urllib.request.Request(url, data=request_der(cert, issuer),
                                         headers={"Content-Type": "application/ocsp-request"})
        with self.opener(request, timeout=self.timeout) as response:
            data = response.read(MAX_RESPONSE_BYTES + 1)
        if len(data) > MAX_RESPONSE_BYTES:
            raise FormatError("OCSP: the response is too large")
        return parse_response(data, cert, issuer, url=url)

    def __call__(self, cert, issuer, now=None):
        now = now or datetime.now(UTC)
        key = (issuer.spki_der, cert.serial)
        cached = self._cached(key, now)
        if cached is not None:
            return cached
        for url in responder_urls(cert):
            try:
                answer = self._fetch(url, cert, issuer)
            except (OSError, FormatError, *ASN1_ERRORS) as error:  # a bad responder never breaks a verification
                logger.info("OCSP %s for serial %x: %s", url, cert.serial, error)
                continue
            if answer.next_update is not None and answer.next_update < now:
                continue  # stale: like an out-of-date CRL, it proves nothing about today
            with self._lock:
                self._cache[key] = answer
            return answer
        return None
