"""Bad signatures get the DSS verdict a validator would give, and openssl agrees they are bad."""

from datetime import UTC, datetime

import pytest

from signing.cms import report as r
from signing.cms import verify_cms
from signing.testing import pki


def _sign(world, tmp_path, signer, **options):
    options.setdefault("certfiles", [world.sub.cert])
    return pki.sign(signer, world.document, tmp_path / "signature.der", **options)


def _tampered(world, tmp_path):
    path = tmp_path / "tampered.bin"
    data = bytearray(world.document.read_bytes())
    data[1000] ^= 1
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("kind", ["gost2012_256_TCA", "gost2012_512_B", "gost2001_B", "rsa", "ec_p256"])
def test_tampered_document_is_a_hash_failure(world, trust_store, tmp_path, kind):
    signature = _sign(world, tmp_path, world.signers[kind])
    tampered = _tampered(world, tmp_path)
    report = verify_cms(signature.read_bytes(), tampered, trust_store)
    assert not pki.openssl_verifies(signature, tampered, world.anchors)
    assert (report.indication, report.subindication) == (r.TOTAL_FAILED, r.HASH_FAILURE)
    assert "Подпись недействительна" in report.summary


def test_tampered_document_without_signed_attributes_fails_the_signature(world, trust_store, tmp_path):
    signature = _sign(world, tmp_path, world.signers["gost2012_512_C"], attributes=False)
    report = verify_cms(signature.read_bytes(), _tampered(world, tmp_path), trust_store)
    assert (report.indication, report.subindication) == (r.TOTAL_FAILED, r.SIG_CRYPTO_FAILURE)


def _flip_signature_bit(der: bytes, signature_value: bytes) -> bytes:
    position = der.rindex(signature_value) + len(signature_value) // 2
    return der[:position] + bytes([der[position] ^ 0x10]) + der[position + 1:]


@pytest.mark.parametrize("kind", ["gost2012_256_TCB", "gost2012_512_A", "gost2001_XA", "rsa", "ec_p384"])
def test_flipped_signature_bit_is_a_crypto_failure(world, trust_store, tmp_path, kind):
    from signing.cms.asn1 import load_signed_data

    signature = _sign(world, tmp_path, world.signers[kind])
    der = signature.read_bytes()
    value = load_signed_data(der)["signer_infos"][0]["signature"].native
    broken = tmp_path / "broken.der"
    broken.write_bytes(_flip_signature_bit(der, value))
    report = verify_cms(broken.read_bytes(), world.document, trust_store)
    assert not pki.openssl_verifies(broken, world.document, world.anchors)
    assert (report.indication, report.subindication) == (r.TOTAL_FAILED, r.SIG_CRYPTO_FAILURE)


def test_certificate_with_a_broken_signature_breaks_the_chain(world, trust_store, tmp_path):
    signer = world.signers["gost2012_512_A"]
    signature = _sign(world, tmp_path, signer)
    cert = pki_cert_der(signer)
    broken_cert = cert[:-1] + bytes([cert[-1] ^ 1])  # the last byte belongs to the issuer's signature
    broken = tmp_path / "broken.der"
    broken.write_bytes(signature.read_bytes().replace(cert, broken_cert))
    report = verify_cms(broken.read_bytes(), world.document, trust_store)
    assert not pki.openssl_verifies(broken, world.document, world.anchors)
    assert (report.indication, report.subindication) == (r.INDETERMINATE, r.CERTIFICATE_CHAIN_GENERAL_FAILURE)


def pki_cert_der(identity):
    from asn1crypto import pem

    return pem.unarmor(identity.cert.read_bytes())[2]


def test_signer_under_an_untrusted_root_has_no_chain(world, trust_store, tmp_path):
    signature = _sign(world, tmp_path, world.special["untrusted"], certfiles=[world.rogue.cert])
    report = verify_cms(signature.read_bytes(), world.document, trust_store)
    assert not pki.openssl_verifies(signature, world.document, world.anchors)
    assert (report.indication, report.subindication) == (r.INDETERMINATE, r.NO_CERTIFICATE_CHAIN_FOUND)
    assert "Подпись не удалось проверить" in report.summary


def test_expired_signer_is_out_of_bounds(world, trust_store, tmp_path):
    signature = _sign(world, tmp_path, world.special["expired"])
    report = verify_cms(signature.read_bytes(), world.document, trust_store)
    assert not pki.openssl_verifies(signature, world.document, world.anchors)
    assert (report.indication, report.subindication) == (r.INDETERMINATE, r.OUT_OF_BOUNDS_NO_POE)


def test_not_yet_valid_signer_fails(world, trust_store, tmp_path):
    signature = _sign(world, tmp_path, world.special["not_yet_valid"])
    report = verify_cms(signature.read_bytes(), world.document, trust_store)
    assert not pki.openssl_verifies(signature, world.document, world.anchors)
    assert (report.indication, report.subindication) == (r.TOTAL_FAILED, r.NOT_YET_VALID)


def test_revoked_signer_fails_with_the_crl(world, trust_store, tmp_path):
    signature = _sign(world, tmp_path, world.special["revoked"])
    report = verify_cms(signature.read_bytes(), world.document, trust_store)
    assert not pki.openssl_verifies(signature, world.document, world.anchors, crl=world.crl_bundle)
    assert (report.indication, report.subindication) == (r.TOTAL_FAILED, r.REVOKED)


def test_signer_revoked_after_the_claimed_signing_time_is_indeterminate(world, trust_store):
    report = verify_cms(world.signed_before_revocation.read_bytes(), world.document, trust_store)
    assert (report.indication, report.subindication) == (r.INDETERMINATE, r.REVOKED_NO_POE)


def test_revoked_signer_without_a_crl_passes_but_says_so(world, tmp_path):
    signature = _sign(world, tmp_path, world.special["revoked"])
    report = verify_cms(signature.read_bytes(), world.document, world.store(crls=False))
    assert pki.openssl_verifies(signature, world.document, world.anchors)
    assert report.valid
    revocation = [c for c in report.signers[0].checks if c.name == "revocation"][0]
    assert revocation.result == r.WARNING and "нет списка отзыва" in revocation.message


def test_crl_checked_signer_passes_revocation(world, trust_store, tmp_path):
    signature = _sign(world, tmp_path, world.signers["gost2012_256_TCA"])
    report = verify_cms(signature.read_bytes(), world.document, trust_store)
    assert pki.openssl_verifies(signature, world.document, world.anchors, crl=world.crl_bundle)
    assert [c.result for c in report.signers[0].checks if c.name == "revocation"] == [r.PASSED]


def test_intermediate_from_the_trust_store_completes_the_chain(world, tmp_path):
    signature = _sign(world, tmp_path, world.signers["gost2012_512_C"], certfiles=[])
    assert verify_cms(signature.read_bytes(), world.document, world.store(intermediates=True)).valid
    assert pki.openssl_verifies(signature, world.document, world.anchors, untrusted=world.sub.cert)


def test_missing_intermediate_means_no_chain(world, trust_store, tmp_path):
    signature = _sign(world, tmp_path, world.signers["gost2012_512_C"], certfiles=[])
    report = verify_cms(signature.read_bytes(), world.document, trust_store)
    assert not pki.openssl_verifies(signature, world.document, world.anchors)
    assert report.subindication == r.NO_CERTIFICATE_CHAIN_FOUND
    assert report.signers[0].chain == []


def test_signer_certificate_absent_everywhere(world, trust_store, tmp_path):
    signature = _sign(world, tmp_path, world.signers["gost2012_256_TCA"], include_signer_cert=False)
    report = verify_cms(signature.read_bytes(), world.document, trust_store)
    assert (report.indication, report.subindication) == (r.INDETERMINATE, r.NO_SIGNING_CERTIFICATE_FOUND)


def test_key_usage_without_signing_is_a_constraint_failure(world, trust_store, tmp_path):
    signature = _sign(world, tmp_path, world.special["encipher_only"])
    report = verify_cms(signature.read_bytes(), world.document, trust_store)
    assert report.subindication == r.CHAIN_CONSTRAINTS_FAILURE


def test_issuer_that_is_not_a_ca_breaks_the_chain_constraints(world, trust_store, tmp_path):
    signer = world.special["issued_by_non_ca"]
    signature = _sign(world, tmp_path, signer, certfiles=world.special["non_ca_chain"])
    report = verify_cms(signature.read_bytes(), world.document, trust_store)
    assert not pki.openssl_verifies(signature, world.document, world.anchors)
    assert (report.indication, report.subindication) == (r.INDETERMINATE, r.CHAIN_CONSTRAINTS_FAILURE)
    assert "не является сертификатом УЦ" in report.reason


def test_two_valid_signers_are_valid(world, trust_store, tmp_path):
    signature = _sign(world, tmp_path, world.signers["gost2012_256_TCA"],
                      extra_signers=[world.signers["gost2012_256_XB"]])
    report = verify_cms(signature.read_bytes(), world.document, trust_store)
    assert pki.openssl_verifies(signature, world.document, world.anchors)
    assert report.valid and len(report.signers) == 2
    assert report.summary.startswith("Подписи верны: ")


def test_two_signers_one_untrusted_is_not_valid(world, trust_store, tmp_path):
    signature = _sign(world, tmp_path, world.signers["gost2012_256_TCA"],
                      extra_signers=[world.special["untrusted"]], certfiles=[world.sub.cert, world.rogue.cert])
    report = verify_cms(signature.read_bytes(), world.document, trust_store)
    assert not pki.openssl_verifies(signature, world.document, world.anchors)
    assert sorted(s.indication for s in report.signers) == [r.INDETERMINATE, r.TOTAL_PASSED]
    assert not report.valid and report.subindication == r.NO_CERTIFICATE_CHAIN_FOUND


def test_detached_signature_without_the_document(world, trust_store, tmp_path):
    signature = _sign(world, tmp_path, world.signers["gost2012_256_TCA"])
    report = verify_cms(signature.read_bytes(), None, trust_store)
    assert report.subindication == r.SIGNED_DATA_NOT_FOUND


def test_validation_time_is_used_without_signing_time(world, trust_store, tmp_path):
    signature = _sign(world, tmp_path, world.signers["gost2012_256_TCA"], attributes=False)
    later = datetime(2090, 1, 1, tzinfo=UTC)
    report = verify_cms(signature.read_bytes(), world.document, trust_store, at=later)
    assert report.subindication == r.OUT_OF_BOUNDS_NO_POE


def test_signing_time_in_the_future_is_refused(world, trust_store, tmp_path):
    signature = _sign(world, tmp_path, world.signers["gost2012_256_TCA"])
    earlier = datetime(2000, 1, 1, tzinfo=UTC)
    report = verify_cms(signature.read_bytes(), world.document, trust_store, at=earlier)
    assert not report.valid
    assert [c.result for c in report.signers[0].checks if c.name == "signing_time"] == [r.FAILED]


def test_the_reason_is_the_decisive_check_not_the_first_failure():
    signer = r.SignerReport()
    signer.add("signing_certificate", r.FAILED, "indeterminate first", r.NO_SIGNING_CERTIFICATE_FOUND)
    signer.add("signature_value", r.FAILED, "the real failure", r.SIG_CRYPTO_FAILURE)
    signer.conclude()
    assert (signer.indication, signer.subindication, signer.reason) == (
        r.TOTAL_FAILED, r.SIG_CRYPTO_FAILURE, "the real failure")


def test_an_out_of_date_crl_is_used_but_the_report_says_so(world, trust_store, tmp_path):
    from datetime import timedelta

    signature = _sign(world, tmp_path, world.signers["gost2012_256_TCA"])
    later = datetime.now(UTC) + timedelta(days=45)  # the test CA's CRLs are good for 30 days
    report = verify_cms(signature.read_bytes(), world.document, trust_store, at=later)
    assert report.valid
    revocation = [c for c in report.signers[0].checks if c.name == "revocation"][0]
    assert revocation.result == r.WARNING and "устарел" in revocation.message
    assert "следующий выпуск ожидался" in revocation.message
    fresh = verify_cms(signature.read_bytes(), world.document, trust_store)
    assert [c.result for c in fresh.signers[0].checks if c.name == "revocation"] == [r.PASSED]


def test_a_revocation_on_an_out_of_date_crl_still_counts(world, trust_store, tmp_path):
    from datetime import timedelta

    signature = _sign(world, tmp_path, world.special["revoked"])
    later = datetime.now(UTC) + timedelta(days=45)
    report = verify_cms(signature.read_bytes(), world.document, trust_store, at=later)
    assert (report.indication, report.subindication) == (r.TOTAL_FAILED, r.REVOKED)
