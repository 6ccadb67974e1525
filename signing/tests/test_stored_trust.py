"""portal_trust_store() reads the rows uploaded in admin besides the settings files."""

import pytest
from django.utils import timezone

from signing import services
from signing.certificates import revocation_lists_import, trusted_certificates_import
from signing.cms.report import REVOKED, TOTAL_PASSED
from signing.models import TrustedCertificate
from signing.testing import pki

pytestmark = pytest.mark.django_db


@pytest.fixture
def signature_without_chain(world, tmp_path):
    """Signed by a signer under `sub` with only the signer's certificate inside: the portal must know sub."""
    return pki.sign(world.signers["gost2012_256_B"], world.document, tmp_path / "s.der").read_bytes()


def test_an_active_root_and_intermediate_from_the_database_make_a_signature_valid(world, signature_without_chain):
    assert not services.verify_detached(world.document, signature_without_chain).valid
    trusted_certificates_import(world.root.cert.read_bytes(), kind="root")
    trusted_certificates_import(world.sub.cert.read_bytes(), kind="intermediate")
    report = services.verify_detached(world.document, signature_without_chain)
    assert report.indication == TOTAL_PASSED, report.summary


def test_an_inactive_root_is_not_trusted(world, signature_without_chain):
    trusted_certificates_import(world.root.cert.read_bytes(), kind="root")
    trusted_certificates_import(world.sub.cert.read_bytes(), kind="intermediate")
    TrustedCertificate.objects.filter(kind="root").update(is_active=False)
    store = services.portal_trust_store()
    assert not store.anchors and len(store.intermediates) == 1
    assert not services.verify_detached(world.document, signature_without_chain).valid


def test_settings_files_and_rows_are_used_together(world, settings):
    settings.SIGNING_TRUST_ANCHORS = [str(world.rsa_root.cert)]
    trusted_certificates_import(world.root.cert.read_bytes(), kind="root")
    assert len(services.portal_trust_store().anchors) == 2


def test_a_stored_crl_revokes(world, tmp_path):
    trusted_certificates_import(world.root.cert.read_bytes(), kind="root")
    signature = pki.sign(world.special["revoked"], world.document, tmp_path / "r.der", certfiles=[world.sub.cert])
    assert services.verify_detached(world.document, signature.read_bytes()).valid  # no CRL known: a warning
    revocation_lists_import(world.crls[0].read_bytes())
    report = services.verify_detached(world.document, signature.read_bytes())
    assert report.subindication == REVOKED


def test_a_row_that_no_longer_parses_is_skipped_not_fatal(world):
    trusted_certificates_import(world.root.cert.read_bytes(), kind="root")
    TrustedCertificate.objects.update(der=b"broken", updated_at=timezone.now())
    assert services.portal_trust_store().anchors == []


def test_parsed_rows_are_reused_until_a_table_changes(world, django_assert_num_queries):
    trusted_certificates_import(world.root.cert.read_bytes(), kind="root")
    first = services.portal_trust_store()
    with django_assert_num_queries(2):  # the two cache-key aggregates, no rows read
        second = services.portal_trust_store()
    assert second.anchors[0] is first.anchors[0] and second.anchors is not first.anchors
    revocation_lists_import(world.crls[0].read_bytes())
    assert len(services.portal_trust_store().crls) == 1
