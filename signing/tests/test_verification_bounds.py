"""One verification does bounded work whatever the file holds (the «Проверка ЭП» page is public):
thousands of signer infos, or signers whose certificate is missing, end as INDETERMINATE at once."""

import datetime
import time

import pytest
from asn1crypto import cms
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID

from signing.cms import TrustStore, verify_cms
from signing.cms import report as r

DOCUMENT = b"document"
TOO_MUCH = ("Подпись не удалось проверить: в файле слишком много подписантов, меток времени, сертификатов, списков "
            "отзыва или атрибутов: столько портал в одном файле не проверяет.")
CERTIFICATE_VALUES = "1.2.840.113549.1.9.16.2.23"


@pytest.fixture(scope="module")
def one_signer():
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Самоподписанный")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(5).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30)).sign(key, hashes.SHA256()))
    return pkcs7.PKCS7SignatureBuilder().set_data(DOCUMENT).add_signer(cert, key, hashes.SHA256()).sign(
        serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature])


def _with_signers(der, count, *, missing_certificate=False):
    info = cms.ContentInfo.load(der)
    signer = cms.SignerInfo.load(info["content"]["signer_infos"][0].dump())
    if missing_certificate:
        signer["sid"] = cms.SignerIdentifier({"issuer_and_serial_number": {
            "issuer": signer["sid"].chosen["issuer"], "serial_number": 999}})
    info["content"]["signer_infos"] = cms.SignerInfos([signer] * count)
    return info.dump(force=True)


def _store():
    return TrustStore.from_paths(anchors=[], intermediates=[], crls=[])


@pytest.mark.parametrize("missing_certificate", [False, True])
def test_three_thousand_signers_are_refused_at_once_as_indeterminate(one_signer, missing_certificate):
    signature = _with_signers(one_signer, 3_000, missing_certificate=missing_certificate)
    started = time.monotonic()
    report = verify_cms(signature, DOCUMENT, _store())
    assert time.monotonic() - started < 1  # was ~20 s for 3 MB (a 20 MB upload: minutes)
    assert (report.indication, report.subindication) == (r.INDETERMINATE, r.GENERIC)
    assert report.summary == TOO_MUCH


def test_a_few_signers_are_still_each_verified(one_signer):
    report = verify_cms(_with_signers(one_signer, 3), DOCUMENT, _store())
    assert len(report.signers) == 3 and report.subindication == r.NO_CERTIFICATE_CHAIN_FOUND


def _length(count):
    if count < 128:
        return bytes([count])
    octets = count.to_bytes((count.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(octets)]) + octets


def _tlv(tag, body):
    return bytes([tag]) + _length(len(body)) + body


@pytest.mark.parametrize("oid, wrap", [("1.2.3.4", False), (CERTIFICATE_VALUES, True)])
def test_an_unsigned_attribute_of_a_million_values_is_refused_at_once(one_signer, oid, wrap):
    """400 000 NULLs as one attribute's values, or as its certificate-values: took 2 s / 16 s for 800 KB."""
    values = b"\x05\x00" * 400_000
    values = _tlv(0x30, values) if wrap else values
    attribute = _tlv(0x30, cms.ObjectIdentifier(oid).dump() + _tlv(0x31, values))
    info = cms.ContentInfo.load(one_signer)
    signer = info["content"]["signer_infos"][0]
    signer_infos = _tlv(0x31, _tlv(0x30, signer.contents + _tlv(0xA1, attribute)))
    signed_data = info["content"]
    fields = b"".join(signed_data[name].dump() for name in ("version", "digest_algorithms", "encap_content_info"))
    fields += b"".join(_tlv(0xA0, signed_data["certificates"].contents) for _ in [0])
    signature = _tlv(0x30, info["content_type"].dump() + _tlv(0xA0, _tlv(0x30, fields + signer_infos)))
    started = time.monotonic()
    report = verify_cms(signature, DOCUMENT, _store())
    assert time.monotonic() - started < 1
    assert (report.indication, report.subindication, report.summary) == (r.INDETERMINATE, r.GENERIC, TOO_MUCH)
