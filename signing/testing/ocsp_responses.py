"""OCSP responses (RFC 6960) assembled with asn1crypto and signed with `openssl dgst` (the GOST engine
for GOST keys), for what `openssl ocsp` cannot make: embedded responses of CAdES-X-L, delegated
responders with or without id-pkix-ocsp-nocheck, responses with a nonce of our choosing."""

import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from asn1crypto import core, ocsp, x509

from ..cms.certs import load_certificate
from ..cms.ocsp import _cert_id
from . import pki
from .handmade import _der

SIGNATURE_OIDS = {"gost2012_256": "1.2.643.7.1.1.3.2", "gost2012_512": "1.2.643.7.1.1.3.3",
                  "rsa": "1.2.840.113549.1.1.11", "ec_p256": "1.2.840.10045.4.3.2"}
RESPONDER_SECTIONS = """
[ ocsp_responder ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = OCSPSigning
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ ocsp_responder_nocheck ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = OCSPSigning
1.3.6.1.5.5.7.48.1.5 = ASN1:NULL
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"""


def add_responder_sections(authority):
    with open(authority.config, "a", encoding="utf-8") as config:
        config.write(RESPONDER_SECTIONS)


def _sign(identity, data: bytes, directory: Path) -> bytes:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "tbs.der").write_bytes(data)
    pki.openssl("dgst", "-" + identity.digest, "-sign", identity.key, "-out", directory / "sig.bin",
                directory / "tbs.der")
    return (directory / "sig.bin").read_bytes()


def basic_response(responder, cert, issuer, directory: Path, *, status="good", revoked_at=None, this_update=None,
                   next_update=None, nonce=None, with_responder_cert=False) -> bytes:
    """A DER BasicOCSPResponse by `responder` (pki.Identity) on `cert` issued by `issuer` (paths)."""
    now = datetime.now(UTC).replace(microsecond=0)
    this_update = this_update or now - timedelta(minutes=1)
    cert_status = ocsp.CertStatus({"good": core.Null()} if status == "good" else
                                  {"revoked": {"revocation_time": revoked_at or now - timedelta(days=1)}})
    tbs = {
        "responder_id": {"by_name": x509.Certificate.load(_der(responder.cert)).subject},
        "produced_at": now,
        "responses": [{"cert_id": _cert_id(load_certificate(_der(cert)), load_certificate(_der(issuer))),
                       "cert_status": cert_status, "this_update": this_update,
                       "next_update": next_update or now + timedelta(days=1)}],
    }
    if nonce is not None:
        tbs["response_extensions"] = [{"extn_id": "nonce", "critical": False, "extn_value": nonce}]
    tbs_der = ocsp.ResponseData(tbs).dump()
    algorithm = SIGNATURE_OIDS[pki.family_of(responder.kind)]
    signature = _sign(responder, tbs_der, directory)
    parts = [tbs_der, _algorithm(algorithm), _bit_string(signature)]
    if with_responder_cert:
        certs = _wrap(0x30, _der(responder.cert))
        parts.append(_wrap(0xA0, certs))
    return _wrap(0x30, b"".join(parts))


def ocsp_response(basic_der: bytes) -> bytes:
    """The OCSPResponse (successful, id-pkix-ocsp-basic) around a BasicOCSPResponse."""
    response_bytes = _wrap(0x30, core.ObjectIdentifier("1.3.6.1.5.5.7.48.1.1").dump()
                           + core.OctetString(basic_der).dump())
    return _wrap(0x30, b"\x0a\x01\x00" + _wrap(0xA0, response_bytes))  # ENUMERATED successful(0)


def revocation_values_with_ocsp(*basic_ders) -> bytes:
    """RevocationValues with ocspVals [1] only (ETSI EN 319 122-1, 5.5.3)."""
    return _wrap(0x30, _wrap(0xA1, _wrap(0x30, b"".join(basic_ders))))


def other_revocation_info(response_der: bytes) -> bytes:
    """A RevocationInfoChoice `other` [1] holding an OCSPResponse (id-ri-ocsp-response, RFC 5940)."""
    return _wrap(0xA1, core.ObjectIdentifier("1.3.6.1.5.5.7.16.2").dump() + response_der)


def _algorithm(oid):
    return _wrap(0x30, core.ObjectIdentifier(oid).dump())


def _bit_string(value):
    return _wrap(0x03, b"\x00" + value)


def _wrap(tag, body):
    length = len(body)
    if length < 0x80:
        header = bytes([length])
    else:
        raw = length.to_bytes((length.bit_length() + 7) // 8, "big")
        header = bytes([0x80 | len(raw)]) + raw
    return bytes([tag]) + header + body


class Responder:
    """A real HTTP OCSP responder on 127.0.0.1 answering with `make(request_der)`."""

    def __init__(self, make):
        outer = self
        self.requests = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.requests.append(body)
                answer = make(body)
                self.send_response(200)
                self.send_header("Content-Type", "application/ocsp-response")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def close(self):
        self.server.shutdown()
        self.server.server_close()
