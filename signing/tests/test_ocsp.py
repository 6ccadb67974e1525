"""OCSP (RFC 6960) beside CRLs: a responder on 127.0.0.1 (an HTTP server handing each request to
`openssl ocsp` with the GOST engine) answers for GOST certificates whose authorityInfoAccess names it."""

import os
import subprocess

import pytest

from signing.cms import TrustStore, verify_cms
from signing.cms import report as r
from signing.cms.ocsp import OcspClient
from signing.testing import pki
from signing.testing.cades import _ENGINE_CONFIG
from signing.testing.ocsp_responses import Responder


@pytest.fixture(scope="module")
def responder(tmp_path_factory):
    directory = tmp_path_factory.mktemp("ocsp")
    root = pki.Authority(directory, "oroot", "gost2012_256_TCA", subject="/CN=Корень OCSP/O=Test PKI")
    config = directory / "engine.cnf"
    config.write_text(_ENGINE_CONFIG.format(directory=directory, signer_digest="md_gost12_256"), encoding="utf-8")

    def make(body):
        (directory / "req.der").write_bytes(body)
        subprocess.run(["openssl", "ocsp", "-index", root.directory / "index.txt", "-rsigner", root.cert,
                        "-rkey", root.identity.key, "-CA", root.cert, "-reqin", directory / "req.der",
                        "-respout", directory / "resp.der", "-ndays", "1"],
                       check=True, capture_output=True, env={**os.environ, "OPENSSL_CONF": str(config)})
        return (directory / "resp.der").read_bytes()

    server = Responder(make)
    with open(root.config, "a", encoding="utf-8") as handle:
        handle.write("\n[ ocsp_signer ]\nbasicConstraints = CA:FALSE\nkeyUsage = critical, digitalSignature\n"
                     "subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n"
                     f"authorityInfoAccess = OCSP;URI:{server.url}\n")
    good = root.issue("ogood", "gost2012_256_A", "/CN=Действующий", extensions="ocsp_signer")
    revoked = root.issue("orevoked", "gost2012_256_B", "/CN=Отозванный", extensions="ocsp_signer")
    root.revoke(revoked)
    yield root, good, revoked, server.requests
    server.close()


def _verify(root, signer, tmp_path, client):
    document = tmp_path / "doc.txt"
    document.write_bytes("Паспорт дома".encode())
    signature = pki.sign(signer, document, tmp_path / "s.der")
    store = TrustStore.from_paths(anchors=[root.cert])
    store.ocsp, store.require_revocation = client, True
    return verify_cms(signature.read_bytes(), document, store)


def test_a_good_gost_ocsp_answer_checks_revocation_and_is_cached(responder, tmp_path):
    root, good, _revoked, requests = responder
    client = OcspClient(timeout=5)
    before = len(requests)
    report = _verify(root, good, tmp_path, client)
    assert report.valid, report.reason
    check = next(c for c in report.signers[0].checks if c.name == "revocation")
    assert check.result == r.PASSED and "ответ OCSP http://127.0.0.1:" in check.message
    assert report.signers[0].ocsp[0]["status"] == "good" and report.signers[0].ocsp[0]["fetched_at"]
    assert _verify(root, good, tmp_path, client).valid
    assert len(requests) == before + 1  # the second verification used the cached answer


def test_a_revoked_answer_fails_the_signature(responder, tmp_path):
    root, _good, revoked, _requests = responder
    report = _verify(root, revoked, tmp_path, OcspClient(timeout=5))
    assert report.subindication in (r.REVOKED, r.REVOKED_NO_POE) and "OCSP" in report.reason


def test_without_a_responder_answer_nothing_is_claimed(responder, tmp_path):
    root, good, _revoked, _requests = responder
    report = _verify(root, good, tmp_path, None)
    assert report.subindication == r.TRY_LATER
