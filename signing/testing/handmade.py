"""CAdES-BES signatures assembled in Python and signed with `openssl pkeyutl`, for what the openssl
CLI cannot make: CryptoPro-style signingCertificateV2 with a Streebog certificate hash, and attributes
chosen freely."""

import subprocess
from datetime import UTC, datetime
from pathlib import Path

from asn1crypto import cms, pem, tsp, x509

from .. import gost

STREEBOG_256 = "1.2.643.7.1.1.2.2"
GOST2012_256_KEY = "1.2.643.7.1.1.1.1"
SIGNING_CERTIFICATE_V2 = "1.2.840.113549.1.9.16.2.47"


def _der(path: Path) -> bytes:
    data = Path(path).read_bytes()
    return pem.unarmor(data)[2] if pem.detect(data) else data


def _signing_certificate_v2(cert_der, cert, hash_oid, hash_name):
    ess_cert_id = {
        "hash_algorithm": {"algorithm": hash_oid},
        "cert_hash": gost.new(hash_name, cert_der).digest(),
        "issuer_serial": {
            "issuer": [x509.GeneralName({"directory_name": cert.issuer})],
            "serial_number": cert.serial_number,
        },
    }
    return tsp.SigningCertificateV2({"certs": [ess_cert_id]})


def signed_attributes(document: bytes, cert_der: bytes, *, signing_time=None, hash_oid=STREEBOG_256,
                      hash_name="streebog256"):
    cert = x509.Certificate.load(cert_der)
    moment = signing_time or datetime.now(UTC).replace(microsecond=0)
    return cms.CMSAttributes([
        cms.CMSAttribute({"type": "content_type", "values": ["data"]}),
        cms.CMSAttribute({"type": "signing_time", "values": [cms.Time({"utc_time": moment})]}),
        cms.CMSAttribute({"type": "message_digest", "values": [gost.new(hash_name, document).digest()]}),
        cms.CMSAttribute({"type": SIGNING_CERTIFICATE_V2,
                          "values": [_signing_certificate_v2(cert_der, cert, hash_oid, hash_name)]}),
    ])


def sign_digest_with_openssl(key: Path, digest: bytes, directory: Path) -> bytes:
    """The GOST engine signs a ready digest (same byte orders as in CMS)."""
    digest_file, signature_file = directory / "digest.bin", directory / "signature.bin"
    digest_file.write_bytes(digest)
    subprocess.run(["openssl", "pkeyutl", "-engine", "gost", "-sign", "-inkey", str(key),
                    "-in", str(digest_file), "-out", str(signature_file)], check=True, capture_output=True)
    return signature_file.read_bytes()


def cades_bes(identity, document: bytes, directory: Path, *, chain=(), attributes=None,
              digest_oid=STREEBOG_256, signature_oid=GOST2012_256_KEY, digest_name="streebog256") -> bytes:
    """A detached CAdES-BES by a GOST 2012-256 signer, DER."""
    cert_der = _der(identity.cert)
    cert = x509.Certificate.load(cert_der)
    attrs = attributes if attributes is not None else signed_attributes(document, cert_der)
    signature = sign_digest_with_openssl(identity.key, gost.new(digest_name, attrs.dump()).digest(), directory)
    signer_info = cms.SignerInfo({
        "version": "v1",
        "sid": cms.SignerIdentifier({"issuer_and_serial_number": {
            "issuer": cert.issuer, "serial_number": cert.serial_number}}),
        "digest_algorithm": {"algorithm": digest_oid},
        "signed_attrs": attrs,
        "signature_algorithm": {"algorithm": signature_oid},
        "signature": signature,
    })
    certificates = [x509.Certificate.load(der) for der in [cert_der, *(_der(path) for path in chain)]]
    signed_data = cms.SignedData({
        "version": "v1",
        "digest_algorithms": [{"algorithm": digest_oid}],
        "encap_content_info": {"content_type": "data"},
        "certificates": certificates,
        "signer_infos": [signer_info],
    })
    return cms.ContentInfo({"content_type": "signed_data", "content": signed_data}).dump()
