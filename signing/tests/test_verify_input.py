"""Signature input in every shape, and garbage: always a report, FORMAT_FAILURE when unreadable."""

import base64

import pytest
from asn1crypto import pem
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from signing.cms import report as r
from signing.cms import verify_cms
from signing.cms.verifier import INTERNAL_ERROR
from signing.testing import pki

STREEBOG_256_OID_DER = bytes.fromhex("06082a85030701010202")
UNKNOWN_OID_DER = bytes.fromhex("06082a85030701010209")


@pytest.fixture(scope="session")
def signature_der(world):
    out = world.directory / "input-tests.der"
    pki.sign(world.signers["gost2012_256_TCA"], world.document, out, certfiles=[world.sub.cert], cades=True)
    return out.read_bytes()


def _verify(signature, world, trust_store):
    return verify_cms(signature, world.document, trust_store)


def test_der_pem_and_base64_all_verify(world, trust_store, signature_der):
    text = base64.b64encode(signature_der).decode()
    wrapped = "\r\n".join(text[i:i + 64] for i in range(0, len(text), 64))
    shapes = [
        signature_der,
        pem.armor("CMS", signature_der),
        pem.armor("PKCS7", signature_der).decode(),
        text,
        wrapped,
        "  %s\n" % wrapped,
        bytearray(signature_der),
    ]
    assert [_verify(shape, world, trust_store).indication for shape in shapes] == [r.TOTAL_PASSED] * len(shapes)


def test_document_may_be_bytes_or_a_file_object(world, trust_store, signature_der):
    data = world.document.read_bytes()
    assert verify_cms(signature_der, data, trust_store).valid
    with open(world.document, "rb") as handle:
        assert verify_cms(signature_der, handle, trust_store).valid


@pytest.mark.parametrize("garbage", [b"", b"   ", "", b"hello", b"\x30", b"\x30\x03\x02\x01",
                                     "не подпись", b"MIIB" * 3, b"-----BEGIN CMS-----\nQUJD\n-----END CMS-----\n",
                                     b"\x00" * 100, b"\xff" * 100])
def test_garbage_is_a_format_failure(world, trust_store, garbage):
    report = _verify(garbage, world, trust_store)
    assert (report.indication, report.subindication) == (r.TOTAL_FAILED, r.FORMAT_FAILURE)
    assert report.reason and report.reason != INTERNAL_ERROR
    assert report.summary.startswith("Подпись недействительна: ")


def test_truncated_signature_is_a_format_failure(world, trust_store, signature_der):
    report = _verify(signature_der[: len(signature_der) // 2], world, trust_store)
    assert report.subindication == r.FORMAT_FAILURE


def test_unknown_digest_algorithm_is_indeterminate_and_names_it(world, trust_store, signature_der):
    patched = signature_der.replace(STREEBOG_256_OID_DER, UNKNOWN_OID_DER)
    report = _verify(patched, world, trust_store)
    assert (report.indication, report.subindication) == (r.INDETERMINATE, r.GENERIC)
    assert "неизвестный алгоритм хэширования 1.2.643.7.1.1.2.9" in report.reason
    assert report.signers[0].identity.inn == "770123456789"  # the signer is still named


def test_unparseable_certificate_is_a_format_failure(world, trust_store, signature_der):
    from signing.cms.asn1 import load_signed_data

    cert = load_signed_data(signature_der)["certificates"][0].dump()
    body = len(cert) - 4  # a SEQUENCE of the same size holding one OCTET STRING: DER, but no certificate
    fake = b"\x30\x82" + body.to_bytes(2, "big") + b"\x04\x82" + (body - 4).to_bytes(2, "big") + b"\x00" * (body - 4)
    report = _verify(signature_der.replace(cert, fake), world, trust_store)
    assert report.subindication == r.FORMAT_FAILURE
    assert "сертификат" in report.reason


def test_a_not_signed_data_content_info_is_a_format_failure(world, trust_store):
    data_content_info = bytes.fromhex("300f06092a864886f70d010701a0020400")  # ContentInfo of type data
    report = _verify(data_content_info, world, trust_store)
    assert report.subindication == r.FORMAT_FAILURE


FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(st.binary(max_size=400))
def test_fuzz_random_bytes_never_raise(world, trust_store, data):
    report = _verify(data, world, trust_store)
    assert not report.valid and report.reason != INTERNAL_ERROR


@FUZZ
@given(cut=st.integers(min_value=0, max_value=5000))
def test_fuzz_truncations_never_raise(world, trust_store, signature_der, cut):
    report = _verify(signature_der[: cut % len(signature_der)], world, trust_store)
    assert report.subindication == r.FORMAT_FAILURE and report.reason != INTERNAL_ERROR


@FUZZ
@given(position=st.integers(min_value=0), value=st.integers(min_value=0, max_value=255))
def test_fuzz_byte_mutations_never_raise_or_pass_changed_signatures(world, trust_store, signature_der, position, value):
    position %= len(signature_der)
    mutated = signature_der[:position] + bytes([value]) + signature_der[position + 1:]
    report = _verify(mutated, world, trust_store)
    assert report.reason != INTERNAL_ERROR
    if mutated != signature_der and report.valid:
        # Only bytes outside what is signed may change harmlessly (unsigned fields, cert bags).
        assert report.signers and all(s.indication == r.TOTAL_PASSED for s in report.signers)
