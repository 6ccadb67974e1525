"""Valid signatures of every algorithm and parameter set, made by openssl, verify like openssl says."""

import pytest

from signing.cms import verify_cms
from signing.testing import pki

ALL_KINDS = list(pki.KEY_KINDS)
PARAMETER_SETS = {
    "gost2001_A": "CryptoPro A", "gost2001_B": "CryptoPro B", "gost2001_C": "CryptoPro C",
    "gost2001_XA": "CryptoPro XchA", "gost2001_XB": "CryptoPro XchB",
    "gost2012_256_A": "CryptoPro A", "gost2012_256_B": "CryptoPro B", "gost2012_256_C": "CryptoPro C",
    "gost2012_256_XA": "CryptoPro XchA", "gost2012_256_XB": "CryptoPro XchB",
    "gost2012_256_TCA": "TC26 256 A", "gost2012_256_TCB": "TC26 256 B",
    "gost2012_256_TCC": "TC26 256 C", "gost2012_256_TCD": "TC26 256 D",
    "gost2012_512_A": "TC26 512 A", "gost2012_512_B": "TC26 512 B", "gost2012_512_C": "TC26 512 C",
}


def _sign_and_verify(world, trust_store, tmp_path, kind, **options):
    signer = world.signers[kind]
    detached = options.get("detached", True)
    signature = pki.sign(signer, world.document, tmp_path / "signature.der", certfiles=[world.sub.cert], **options)
    document = world.document if detached else None
    report = verify_cms(signature.read_bytes(), document, trust_store)
    return report, pki.openssl_verifies(signature, document, world.anchors)


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_detached_signature_with_signed_attributes_is_valid(world, trust_store, tmp_path, kind):
    report, openssl_says = _sign_and_verify(world, trust_store, tmp_path, kind)
    assert openssl_says is True
    assert report.valid, report.reason
    assert report.signers[0].parameter_set == PARAMETER_SETS.get(kind, "")


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_detached_signature_without_signed_attributes_is_valid(world, trust_store, tmp_path, kind):
    report, openssl_says = _sign_and_verify(world, trust_store, tmp_path, kind, attributes=False)
    assert openssl_says is True
    assert report.valid, report.reason


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_cades_bes_signature_with_signing_certificate_v2_is_valid(world, trust_store, tmp_path, kind):
    report, openssl_says = _sign_and_verify(world, trust_store, tmp_path, kind, cades=True)
    assert openssl_says is True
    assert report.valid, report.reason
    assert any(c.name == "signing_certificate" and c.result == "passed" for c in report.signers[0].checks)


@pytest.mark.parametrize("kind", ["gost2012_256_TCD", "gost2012_512_A", "ec_p384"])
def test_attached_signature_verifies_against_its_own_content(world, trust_store, tmp_path, kind):
    report, openssl_says = _sign_and_verify(world, trust_store, tmp_path, kind, detached=False)
    assert openssl_says is True
    assert report.valid, report.reason


def test_attached_signature_also_verifies_against_the_same_document(world, trust_store, tmp_path):
    signature = pki.sign(world.signers["gost2012_256_TCA"], world.document, tmp_path / "s.der", detached=False,
                         certfiles=[world.sub.cert])
    assert verify_cms(signature.read_bytes(), world.document, trust_store).valid


@pytest.mark.parametrize("kind", ["gost2012_512_B", "rsa"])
def test_signer_identified_by_subject_key_identifier(world, trust_store, tmp_path, kind):
    report, openssl_says = _sign_and_verify(world, trust_store, tmp_path, kind, by_key_id=True)
    assert openssl_says is True
    assert report.valid, report.reason


def test_rsa_pss_signature_is_valid(world, trust_store, tmp_path):
    signer = world.signers["rsa"]
    signature = pki.sign(signer, world.document, tmp_path / "s.der", pss=True, certfiles=[world.sub.cert])
    report = verify_cms(signature.read_bytes(), world.document, trust_store)
    assert pki.openssl_verifies(signature, world.document, world.anchors)
    assert report.valid, report.reason
    assert report.signers[0].algorithm == "RSA-PSS"


def test_ecdsa_signer_under_an_rsa_root_is_valid(world, trust_store, tmp_path):
    signature = pki.sign(world.special["ecdsa_under_rsa"], world.document, tmp_path / "s.der")
    report = verify_cms(signature.read_bytes(), world.document, trust_store)
    assert pki.openssl_verifies(signature, world.document, world.anchors)
    assert report.valid, report.reason


def test_report_names_algorithm_time_and_identity(world, trust_store, tmp_path):
    report, _ = _sign_and_verify(world, trust_store, tmp_path, "gost2012_512_A")
    signer = report.signers[0]
    assert signer.algorithm == "ГОСТ Р 34.10-2012 (512)"
    assert signer.digest_algorithm == "ГОСТ Р 34.11-2012 (512)"
    assert signer.signing_time is not None
    identity = signer.identity
    assert (identity.surname, identity.given_name) == ("Иванов", "Иван Иванович")
    assert identity.organization == "ООО «Ромашка»"
    assert (identity.inn, identity.innle, identity.ogrn, identity.snils) == (
        "770123456789", "7701234567", "1027700132195", "12345678901")
    assert identity.title == "Директор" and identity.email == "ivanov@example.ru"
    assert identity.subject_sign_tool == "СКЗИ «КриптоПро CSP» (версия 5.0)"
    assert identity.qualified_classes == ["КС1", "КС2"]
    assert identity.issuer_sign_tool[0] == "ПАКМ «КриптоПро HSM» версии 2.0"
    assert len(identity.issuer_sign_tool) == 4
    assert "Тестовый УЦ" in identity.issuer
    assert report.summary == "Подпись верна: Иванов И. И., ООО «Ромашка», ИНН ЮЛ 7701234567, ОГРН 1027700132195."


@pytest.fixture
def pure_python_hashing(monkeypatch):
    from signing.gost import native

    native.available_digests.cache_clear()
    monkeypatch.setenv("SIGNING_GOST_NATIVE", "0")
    yield
    monkeypatch.delenv("SIGNING_GOST_NATIVE")
    native.available_digests.cache_clear()


@pytest.mark.parametrize("kind", ["gost2012_256_TCB", "gost2012_512_C", "gost2001_A"])
def test_pure_python_fallback_verifies_the_same_signatures(world, trust_store, tmp_path, kind, pure_python_hashing):
    from signing import gost

    document = tmp_path / "small.txt"
    document.write_bytes("Короткий документ для проверки без OpenSSL.".encode() * 20)
    signature = pki.sign(world.signers[kind], document, tmp_path / "s.der", certfiles=[world.sub.cert])
    assert not gost.is_native("streebog256")
    report = verify_cms(signature.read_bytes(), document, trust_store)
    assert report.valid, report.reason
