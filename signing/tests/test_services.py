"""verify_detached and the signer-match rule."""

import pytest

from signing import services
from signing.cms import SignerIdentity
from signing.services import INDIVIDUAL, LEGAL_ENTITY, SOLE_PROPRIETOR, ExpectedSigner, signer_matches
from signing.testing import pki


def test_verify_detached_uses_the_given_store(world, trust_store, tmp_path):
    signature = pki.sign(world.signers["gost2012_256_TCA"], world.document, tmp_path / "s.der",
                         certfiles=[world.sub.cert])
    assert services.verify_detached(world.document, signature.read_bytes(), trust_store=trust_store).valid


def test_verify_detached_reads_anchors_from_settings(world, settings, tmp_path, db):
    signature = pki.sign(world.signers["gost2012_512_B"], world.document, tmp_path / "s.der",
                         certfiles=[world.sub.cert])
    settings.SIGNING_TRUST_ANCHORS = [str(world.root.cert)]
    assert services.verify_detached(world.document, signature.read_bytes()).valid
    settings.SIGNING_TRUST_ANCHORS = []
    assert not services.verify_detached(world.document, signature.read_bytes()).valid


def test_verify_detached_streams_an_uploaded_file(world, trust_store, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    signature = pki.sign(world.signers["gost2012_256_TCD"], world.document, tmp_path / "s.der",
                         certfiles=[world.sub.cert])
    upload = SimpleUploadedFile("document.bin", world.document.read_bytes())
    upload.read(10)  # a view may have peeked at it already
    assert services.verify_detached(upload, signature.read_bytes(), trust_store=trust_store).valid


def test_a_broken_trust_store_setting_is_a_configuration_error(settings, tmp_path):
    from django.core.exceptions import ImproperlyConfigured

    settings.SIGNING_TRUST_ANCHORS = [str(tmp_path / "absent.pem")]
    with pytest.raises(ImproperlyConfigured):
        services.portal_trust_store()


ORGANISATION = SignerIdentity(surname="Иванов", innle="7701234567", ogrn="1027700132195", inn="770123456789")


@pytest.mark.parametrize("identity, expected, matches", [
    (ORGANISATION, ExpectedSigner(LEGAL_ENTITY, inn="7701234567", ogrn="1027700132195"), True),
    (ORGANISATION, ExpectedSigner(LEGAL_ENTITY, inn="7701234567"), True),
    (ORGANISATION, ExpectedSigner(LEGAL_ENTITY, inn="7709999999", ogrn="1027700132195"), False),
    (ORGANISATION, ExpectedSigner(LEGAL_ENTITY, ogrn="1111111111111"), False),
    (SignerIdentity(inn="007701234567"), ExpectedSigner(LEGAL_ENTITY, inn="7701234567"), True),  # pre-2021
    (SignerIdentity(inn="770123456789", ogrnip="304770000000011"),
     ExpectedSigner(SOLE_PROPRIETOR, inn="770123456789", ogrn="304770000000011"), True),
    (SignerIdentity(inn="770123456789"), ExpectedSigner(SOLE_PROPRIETOR, inn="770123456780"), False),
    (SignerIdentity(snils="123-456-789 01"), ExpectedSigner(INDIVIDUAL, snils="12345678901"), True),
    (SignerIdentity(inn="770123456789"), ExpectedSigner(INDIVIDUAL, inn="770123456789"), True),
    (SignerIdentity(snils="12345678901"), ExpectedSigner(INDIVIDUAL, snils="98765432100"), False),
    (SignerIdentity(common_name="Без реквизитов"), ExpectedSigner(INDIVIDUAL, snils="12345678901"), False),
])
def test_signer_match_rule(identity, expected, matches):
    result = signer_matches(identity, expected)
    assert result.matches is matches, result.reason


def test_report_signed_by_requires_a_valid_signature(world, trust_store, tmp_path):
    signature = pki.sign(world.signers["gost2012_256_TCA"], world.document, tmp_path / "s.der",
                         certfiles=[world.sub.cert])
    report = services.verify_detached(world.document, signature.read_bytes(), trust_store=trust_store)
    expected = ExpectedSigner(LEGAL_ENTITY, inn="7701234567", ogrn="1027700132195")
    assert services.report_signed_by(report, expected).matches
    report.indication = "TOTAL_FAILED"
    assert not services.report_signed_by(report, expected).matches
