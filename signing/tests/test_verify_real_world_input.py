"""Input as real signing software and transfers leave it: padding after the DER, base64 with a BOM,
quoted, base64url or in UTF-16, BER with indefinite lengths, PEM labels; SHA-3; the time a validity
message names; old-style organisation INNs."""

import base64
import json

import pytest
from asn1crypto import pem

from signing.cms import report as r
from signing.cms import verify_cms
from signing.cms.certs import load_certificate
from signing.cms.identity import LEGAL_ENTITY, identity_from_certificate
from signing.services import ExpectedSigner, signer_matches
from signing.testing import pki
from signing.testing.handmade import _der


@pytest.fixture(scope="module")
def detached(world, tmp_path_factory):
    out = tmp_path_factory.mktemp("rw") / "d.der"
    return pki.sign(world.signers["gost2012_256_TCA"], world.document, out, certfiles=[world.sub.cert]).read_bytes()


@pytest.mark.parametrize("padding", [b"\n", b"\r\n", b"\x00" * 7, b" \r\n\x00\x00"])
def test_whitespace_or_zeros_after_the_der_are_accepted_and_noted(world, trust_store, detached, padding):
    report = verify_cms(detached + padding, world.document, trust_store)
    assert report.valid, report.reason
    assert report.notes == ["после подписи %d байт пробелов или нулей (пропущены)" % len(padding)]


def test_other_bytes_after_the_der_are_refused(world, trust_store, detached):
    report = verify_cms(detached + b"\nPK", world.document, trust_store)
    assert report.subindication == r.FORMAT_FAILURE and "лишних байт" in report.reason


def _shapes(der):
    text = base64.b64encode(der).decode()
    lines = "\r\n".join(text[i:i + 76] for i in range(0, len(text), 76))
    return {
        "utf8-bom": b"\xef\xbb\xbf" + lines.encode(),
        "quoted": json.dumps(lines).encode(),
        "single-quoted": ("'%s'" % text).encode(),
        "base64url": base64.urlsafe_b64encode(der).rstrip(b"="),
        "utf16le-bom": "\ufeff".encode("utf-16-le") + lines.encode("utf-16-le"),
        "utf16le": lines.encode("utf-16-le"),
        "pem-cms": pem.armor("CMS", der),
        "pem-pkcs7": pem.armor("PKCS7", der),
        "pem-signed-message": pem.armor("SIGNED MESSAGE", der),
    }


@pytest.mark.parametrize("shape", list(_shapes(b"0")))
def test_text_encodings_seen_in_the_wild_verify(world, trust_store, detached, shape):
    report = verify_cms(_shapes(detached)[shape], world.document, trust_store)
    assert report.valid, report.reason


def test_ber_indefinite_length_attached_signature_verifies(world, trust_store, tmp_path):
    signer = world.signers["gost2012_512_A"]
    out = tmp_path / "ber.der"
    pki.openssl("cms", "-sign", "-binary", "-stream", "-nodetach", "-in", world.document, "-signer", signer.cert,
                "-inkey", signer.key, "-md", signer.digest, "-certfile", world.sub.cert, "-outform", "DER",
                "-out", out)
    ber = out.read_bytes()
    assert ber[1] == 0x80  # indefinite length, as streaming signers write it
    report = verify_cms(ber, None, trust_store)
    assert report.valid, report.reason


@pytest.mark.parametrize("md", ["sha3-256", "sha3-512"])
def test_rsa_with_sha3_verifies(world, trust_store, tmp_path, md):
    signer = world.signers["rsa"]
    out = tmp_path / "sha3.der"
    pki.openssl("cms", "-sign", "-binary", "-in", world.document, "-signer", signer.cert, "-inkey", signer.key,
                "-md", md, "-certfile", world.sub.cert, "-outform", "DER", "-out", out)
    assert pki.openssl_verifies(out, world.document, world.anchors)
    report = verify_cms(out.read_bytes(), world.document, trust_store)
    assert report.valid, report.reason
    assert report.signers[0].digest_algorithm == md.upper().replace("SHA3-", "SHA3-")


def test_expired_signer_without_signing_time_names_the_validation_time(world, trust_store, tmp_path):
    signature = pki.sign(world.special["expired"], world.document, tmp_path / "s.der", attributes=False,
                         certfiles=[world.sub.cert])
    report = verify_cms(signature.read_bytes(), world.document, trust_store)
    assert report.subindication == r.OUT_OF_BOUNDS_NO_POE
    assert "на момент проверки" in report.reason and "на момент подписи" not in report.reason


def test_expired_signer_with_a_signing_time_names_it(world, trust_store, tmp_path):
    signature = pki.sign(world.special["expired"], world.document, tmp_path / "s.der", certfiles=[world.sub.cert])
    report = verify_cms(signature.read_bytes(), world.document, trust_store)
    assert "на время подписи, указанное подписантом" in report.reason


def test_old_style_organisation_inn_is_the_innle(world, tmp_path):
    vipnet = world.sub.issue("vipnet_org", "gost2012_256_TCA",
                             "/CN=ООО Тест/O=ООО Тест/INN=007701234567/OGRN=1027700132195")
    identity = identity_from_certificate(load_certificate(_der(vipnet.cert)))
    assert (identity.innle, identity.inn, identity.applicant_kind) == ("7701234567", "", LEGAL_ENTITY)
    assert signer_matches(identity, ExpectedSigner(LEGAL_ENTITY, inn="7701234567", ogrn="1027700132195")).matches
    person = world.sub.issue("vipnet_person", "gost2012_256_TCA", "/CN=Иванов/INN=770123456789")
    assert identity_from_certificate(load_certificate(_der(person.cert))).inn == "770123456789"
