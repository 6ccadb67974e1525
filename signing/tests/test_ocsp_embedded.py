"""OCSP responses the signature carries (CAdES-X-L revocation values, OCSP in the CMS `crls` as an
other RevocationInfoChoice) are used offline; delegated responders need the issuer's OCSPSigning
certificate and id-pkix-ocsp-nocheck or a CRL showing them unrevoked; a fetched response must echo our
nonce. Responses are built with asn1crypto and signed with OpenSSL (GOST engine, RSA)."""

from datetime import UTC, datetime, timedelta

import pytest
from asn1crypto import core, ocsp

from signing.cms import TrustStore, verify_cms
from signing.cms import report as r
from signing.cms.asn1 import AnySet, RawContentInfo
from signing.cms.certs import load_certificate
from signing.cms.ocsp import OcspClient
from signing.testing import cades, pki
from signing.testing import ocsp_responses as responses
from signing.testing.handmade import _der

FAMILIES = {"gost": ("gost2012_256_TCA", "gost2012_256_A"), "rsa": ("rsa", "ec_p256")}


@pytest.fixture(scope="module", params=list(FAMILIES))
def opki(request, tmp_path_factory):
    directory = tmp_path_factory.mktemp(f"ocsp-{request.param}")
    ca_kind, signer_kind = FAMILIES[request.param]
    root = pki.Authority(directory, "root", ca_kind, subject="/CN=Корень OCSP/O=Test PKI")
    ca = pki.Authority(directory, "ca", ca_kind, parent=root, subject="/CN=УЦ OCSP/O=Test PKI")
    responses.add_responder_sections(ca)
    other = pki.Authority(directory, "other", ca_kind, parent=root, subject="/CN=Другой УЦ/O=Test PKI")
    responses.add_responder_sections(other)
    document = directory / "doc.txt"
    document.write_bytes("Договор теплоснабжения".encode())
    world = {
        "directory": directory, "root": root, "ca": ca, "document": document,
        "signer": ca.issue("signer", signer_kind, "/CN=Подписант"),
        "nocheck": ca.issue("nocheck", signer_kind, "/CN=OCSP nocheck", extensions="ocsp_responder_nocheck"),
        "checked": ca.issue("checked", signer_kind, "/CN=OCSP checked", extensions="ocsp_responder"),
        "plain": ca.issue("plain", signer_kind, "/CN=Not a responder"),
        "foreign": other.issue("foreign", signer_kind, "/CN=Foreign responder", extensions="ocsp_responder_nocheck"),
    }
    world["signature"] = pki.sign(world["signer"], document, directory / "s.der", certfiles=[ca.cert]).read_bytes()
    return world


def _basic(opki, tmp_path, responder="ca", **options):
    identity = opki[responder] if responder != "ca" else opki["ca"].identity
    return responses.basic_response(identity, opki["signer"].cert, opki["ca"].cert, tmp_path / "r",
                                    with_responder_cert=responder != "ca", **options)


def _with_values(opki, *basics):
    return cades.with_unsigned_attributes(opki["signature"], [
        (cades.REVOCATION_VALUES, [responses.revocation_values_with_ocsp(*basics)])])


def _verify(opki, signature, crls=()):
    store = TrustStore.from_paths(anchors=[opki["root"].cert], crls=crls)
    store.require_revocation = True  # no usable revocation data: TRY_LATER
    return verify_cms(signature, opki["document"], store)


def _revocation(report):
    return next(check for check in report.signers[0].checks if check.name == "revocation")


def test_an_ocsp_response_in_the_revocation_values_is_used_offline(opki, tmp_path):
    report = _verify(opki, _with_values(opki, _basic(opki, tmp_path)), crls=[opki["root"].crl()])
    assert report.valid, report.reason
    assert "ответ OCSP из подписи" in _revocation(report).message


def test_an_ocsp_response_in_the_cms_crls_is_used_offline(opki, tmp_path):
    info = RawContentInfo.load(opki["signature"])
    other = responses.other_revocation_info(responses.ocsp_response(_basic(opki, tmp_path)))
    info["content"]["crls"] = AnySet([core.Any.load(other)])
    report = _verify(opki, info.dump(), crls=[opki["root"].crl()])  # not force=True: it re-encodes [1] badly
    assert report.valid, report.reason


def test_an_embedded_revoked_answer_fails_the_signature(opki, tmp_path):
    basic = _basic(opki, tmp_path, status="revoked", revoked_at=datetime.now(UTC) - timedelta(days=2))
    report = _verify(opki, _with_values(opki, basic), crls=[opki["root"].crl()])
    assert report.subindication == r.REVOKED and "OCSP" in report.reason


@pytest.mark.parametrize(("responder", "with_crl", "used"), [
    ("nocheck", False, True),  # OCSPSigning + id-pkix-ocsp-nocheck: no revocation check of the responder
    ("checked", False, False),  # OCSPSigning, no nocheck, nothing tells its status
    ("checked", True, True),  # ... the issuer's CRL shows it unrevoked
    ("plain", False, False),  # no OCSPSigning
    ("foreign", False, False),  # authorised by another CA
])
def test_a_delegated_responder_must_be_authorised(opki, tmp_path, responder, with_crl, used):
    crls = [opki["root"].crl()] + ([opki["ca"].crl()] if with_crl else [])
    # The signer's own status must come from the OCSP answer, so the CA's CRL must not cover it: a
    # CRL is preferred over OCSP. The signer's CRL is therefore left out unless the responder needs it.
    report = _verify(opki, _with_values(opki, _basic(opki, tmp_path, responder=responder)), crls=crls)
    if with_crl:
        assert report.valid  # the CRL covers the signer too; what matters is no failure
        return
    assert report.valid is used, report.reason
    if not used:
        assert report.subindication == r.TRY_LATER


def test_a_revoked_delegated_responder_is_not_believed(opki, tmp_path):
    opki["ca"].revoke(opki["checked"])
    try:
        report = _verify(opki, _with_values(opki, _basic(opki, tmp_path, responder="checked")),
                         crls=[opki["root"].crl()])
        assert report.subindication == r.TRY_LATER
    finally:
        opki["ca"].directory.joinpath("index.txt").write_text(
            "".join(line for line in opki["ca"].directory.joinpath("index.txt").read_text().splitlines(True)
                    if not line.startswith("R")))


def _request_nonce(request_der):
    extensions = ocsp.OCSPRequest.load(request_der)["tbs_request"]["request_extensions"]
    return next(ext["extn_value"].parsed.native for ext in extensions if ext["extn_id"].native == "nonce")


@pytest.mark.parametrize(("nonce_mode", "used"), [("echo", True), ("none", True), ("replayed", False)])
def test_a_fetched_answer_must_echo_our_nonce(opki, tmp_path, nonce_mode, used):
    ca = opki["ca"]

    def make(request_der):
        nonce = {"echo": _request_nonce(request_der), "none": None, "replayed": b"an older request"}[nonce_mode]
        return responses.ocsp_response(responses.basic_response(ca.identity, opki["signer"].cert, ca.cert,
                                                                tmp_path / "live", nonce=nonce))

    responder = responses.Responder(make)
    try:
        answer = OcspClient(timeout=5)._fetch(responder.url, load_certificate(_der(opki["signer"].cert)),
                                              load_certificate(_der(ca.cert)), None)
    except Exception:  # noqa: BLE001 - a refused answer
        answer = None
    finally:
        responder.close()
    assert len(_request_nonce(responder.requests[0])) == 16  # every request carries a fresh nonce
    assert (answer is not None and answer.status == "good") is used


@pytest.mark.parametrize("status", ["good", "revoked"])
def test_an_embedded_answer_about_another_certificate_is_not_used(opki, tmp_path, status):
    """The CA's own signed answer, but about another certificate it issued (RFC 6960 4.2.2.3: CertID
    must match): neither proof of the signer's good standing nor its revocation."""
    revoked_at = datetime.now(UTC) - timedelta(days=2) if status == "revoked" else None
    basic = responses.basic_response(opki["ca"].identity, opki["plain"].cert, opki["ca"].cert, tmp_path / "r",
                                     status=status, revoked_at=revoked_at)
    report = _verify(opki, _with_values(opki, basic), crls=[opki["root"].crl()])
    assert (report.indication, report.subindication) == (r.INDETERMINATE, r.TRY_LATER), report.reason
