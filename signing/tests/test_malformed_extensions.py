"""A malformed extension the verifier does not need never fails a certificate (OpenSSL accepts such
certificates): asn1crypto's `*_value` properties parse every extension at once, so certificates,
OCSP look-ups, CRL distribution points and .p7b imports now parse only the extension they read. A
malformed extension RFC 5280 §6.1 needs (policyConstraints of a CA) refuses the path in Russian,
without the parser's English."""

import subprocess

import pytest

from signing.certificates import crl_urls, read_certificates
from signing.cms import TrustStore, verify_cms
from signing.cms import report as r
from signing.cms.certs import load_certificate
from signing.cms.ocsp import OcspClient
from signing.testing import pki
from signing.testing.handmade import _der

SECTIONS = """
[ bad_aia ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
crlDistributionPoints = URI:http://127.0.0.1:9/ca.crl
1.3.6.1.5.5.7.1.1 = ASN1:NULL
[ bad_policies_ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
2.5.29.36 = ASN1:NULL
"""
FAMILIES = {"gost": ("gost2012_256_TCA", "gost2012_256_A"), "rsa": ("rsa", "ec_p256")}


@pytest.fixture(scope="module", params=list(FAMILIES))
def mpki(request, tmp_path_factory):
    directory = tmp_path_factory.mktemp(f"malformed-{request.param}")
    ca_kind, signer_kind = FAMILIES[request.param]
    root = pki.Authority(directory, "root", ca_kind)
    with open(root.config, "a", encoding="utf-8") as config:
        config.write(SECTIONS)
    bad_ca = pki.Authority(directory, "badca", ca_kind, parent=root, extensions="bad_policies_ca")
    document = directory / "doc.txt"
    document.write_bytes("Акт сверки".encode())
    return {"root": root, "document": document, "directory": directory,
            "bad_aia": root.issue("aia", signer_kind, "/CN=Malformed AIA", extensions="bad_aia"),
            "bad_ca": bad_ca, "under_bad_ca": bad_ca.issue("under", signer_kind, "/CN=Under bad CA")}


def _sign(mpki, tmp_path, name, certfiles=()):
    return pki.sign(mpki[name], mpki["document"], tmp_path / "s.der", certfiles=certfiles)


def test_a_malformed_aia_does_not_fail_the_signature(mpki, tmp_path):
    signature = _sign(mpki, tmp_path, "bad_aia")
    assert pki.openssl_verifies(signature, mpki["document"], mpki["root"].cert)
    store = TrustStore.from_paths(anchors=[mpki["root"].cert])
    store.ocsp = OcspClient(timeout=2)  # the OCSP look-up reads the AIA: it must find no responder, not crash
    report = verify_cms(signature.read_bytes(), mpki["document"], store)
    assert report.valid, report.reason
    revocation = next(c for c in report.signers[0].checks if c.name == "revocation")
    assert revocation.result == r.WARNING  # nothing checked is said so


def test_a_malformed_policies_extension_of_a_ca_refuses_the_path_in_russian(mpki, tmp_path):
    signature = _sign(mpki, tmp_path, "under_bad_ca", certfiles=[mpki["bad_ca"].cert])
    report = verify_cms(signature.read_bytes(), mpki["document"], TrustStore.from_paths(anchors=[mpki["root"].cert]))
    assert report.subindication == r.CHAIN_CONSTRAINTS_FAILURE
    assert "2.5.29.36" in report.reason and "asn1crypto" not in report.reason


def test_certificate_files_and_crl_addresses_read_past_a_malformed_extension(mpki, tmp_path):
    bundle = tmp_path / "chain.p7b"
    subprocess.run(["openssl", "crl2pkcs7", "-nocrl", "-certfile", mpki["bad_aia"].cert, "-certfile",
                    mpki["root"].cert, "-outform", "DER", "-out", bundle], check=True, capture_output=True)
    found = read_certificates(bundle.read_bytes())
    assert len(found) == 2
    info = load_certificate(_der(mpki["bad_aia"].cert))
    assert crl_urls(info) == ["http://127.0.0.1:9/ca.crl"]
