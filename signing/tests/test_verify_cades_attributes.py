"""CAdES-BES as CryptoPro makes it (Streebog certificate hash in signingCertificateV2), assembled in
Python and signed by the GOST engine, plus signed attributes that are wrong in one way each."""

import pytest
from asn1crypto import cms

from signing.cms import report as r
from signing.cms import verify_cms
from signing.testing import handmade, pki


@pytest.fixture
def signer(world):
    return world.signers["gost2012_256_TCA"]


def _write(tmp_path, der):
    path = tmp_path / "handmade.der"
    path.write_bytes(der)
    return path


def _checks(report):
    return {check.name: check.result for check in report.signers[0].checks}


def test_cryptopro_style_cades_bes_is_valid(world, trust_store, signer, tmp_path):
    der = handmade.cades_bes(signer, world.document.read_bytes(), tmp_path, chain=[world.sub.cert])
    report = verify_cms(der, world.document, trust_store)
    assert pki.openssl_verifies(_write(tmp_path, der), world.document, world.anchors)
    assert report.valid, report.reason
    assert _checks(report)["signing_certificate"] == r.PASSED


def test_signing_certificate_v2_naming_another_certificate(world, trust_store, signer, tmp_path):
    document = world.document.read_bytes()
    other = handmade._der(world.signers["gost2012_256_TCB"].cert)
    attrs = handmade.signed_attributes(document, other)
    der = handmade.cades_bes(signer, document, tmp_path, chain=[world.sub.cert], attributes=attrs)
    report = verify_cms(der, world.document, trust_store)
    # Stricter than `openssl cms -verify` 3.0 on purpose: it ignores signingCertificateV2 (RFC 5035
    # says a validator must check it), so there is no openssl verdict to agree with here.
    assert (report.indication, report.subindication) == (r.INDETERMINATE, r.NO_SIGNING_CERTIFICATE_FOUND)


def _without(attrs, oid):
    return cms.CMSAttributes([attribute for attribute in attrs if attribute["type"].dotted != oid])


@pytest.mark.parametrize("missing, check", [("1.2.840.113549.1.9.4", "message_digest"),
                                            ("1.2.840.113549.1.9.3", "content_type")])
def test_missing_mandatory_attribute_is_a_format_failure(world, trust_store, signer, tmp_path, missing, check):
    document = world.document.read_bytes()
    attrs = _without(handmade.signed_attributes(document, handmade._der(signer.cert)), missing)
    der = handmade.cades_bes(signer, document, tmp_path, chain=[world.sub.cert], attributes=attrs)
    report = verify_cms(der, world.document, trust_store)
    assert not pki.openssl_verifies(_write(tmp_path, der), world.document, world.anchors)
    assert report.subindication == r.FORMAT_FAILURE
    assert _checks(report)[check] == r.FAILED


def test_wrong_content_type_attribute_is_a_format_failure(world, trust_store, signer, tmp_path):
    document = world.document.read_bytes()
    attrs = _without(handmade.signed_attributes(document, handmade._der(signer.cert)), "1.2.840.113549.1.9.3")
    attrs = cms.CMSAttributes([cms.CMSAttribute({"type": "content_type", "values": ["signed_data"]}), *attrs])
    der = handmade.cades_bes(signer, document, tmp_path, chain=[world.sub.cert], attributes=attrs)
    report = verify_cms(der, world.document, trust_store)
    # Stricter than `openssl cms -verify` 3.0, which accepts this: RFC 5652 11.1 requires the
    # contentType attribute to equal the eContentType.
    assert _checks(report)["content_type"] == r.FAILED and not report.valid
