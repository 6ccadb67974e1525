"""Fetching CRLs from the certificates' distribution points, from a local HTTP server."""

import functools
import http.server
import logging
import threading

import pytest

from signing import services
from signing.certificates import trusted_certificates_import
from signing.crl_fetch import revocation_lists_fetch
from signing.models import RevocationList, TrustedCertificate
from signing.tasks import fetch_revocation_lists_task
from signing.testing import pki

pytestmark = pytest.mark.django_db


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def crl_server(tmp_path):
    """http://127.0.0.1:<port>/ serving tmp_path/www."""
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, "http://127.0.0.1:%d" % server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture
def authority_with_cdp(tmp_path, crl_server):
    """A root and a sub-CA whose certificate names the root's CRL at the local server."""
    www, base = crl_server
    root = pki.Authority(tmp_path, "cdp_root", "gost2012_256_TCA", subject="/CN=Корневой УЦ с CDP/O=Test PKI")
    with open(root.config, "a", encoding="utf-8") as config:
        config.write("\n[ ca_with_cdp ]\nbasicConstraints = critical, CA:TRUE\n"
                     "keyUsage = critical, keyCertSign, cRLSign\nsubjectKeyIdentifier = hash\n"
                     "authorityKeyIdentifier = keyid\ncrlDistributionPoints = URI:%s/root.crl\n" % base)
    sub = pki.Authority(tmp_path, "cdp_sub", "gost2012_256_TCB", parent=root, extensions="ca_with_cdp",
                        subject="/CN=УЦ с CDP/O=Test PKI")
    (www / "root.crl").write_bytes(root.crl().read_bytes())
    return root, sub, base


def test_the_crl_named_in_a_trusted_certificate_is_downloaded_and_trusted(authority_with_cdp):
    root, sub, base = authority_with_cdp
    trusted_certificates_import(root.cert.read_bytes(), kind="root")
    trusted_certificates_import(sub.cert.read_bytes(), kind="intermediate")
    assert TrustedCertificate.objects.get(kind="intermediate").crl_urls == [base + "/root.crl"]
    result = revocation_lists_fetch()
    assert result.fetched == [base + "/root.crl"] and not result.failed
    row = RevocationList.objects.get()
    assert row.source_url == base + "/root.crl" and row.fetched_at is not None
    assert "Корневой УЦ с CDP" in row.issuer
    assert len(services.portal_trust_store().crls) == 1


def test_fetching_again_replaces_the_crl_from_the_same_address(authority_with_cdp):
    root, sub, base = authority_with_cdp
    trusted_certificates_import(sub.cert.read_bytes(), kind="intermediate")
    revocation_lists_fetch()
    first = RevocationList.objects.get().fetched_at
    revocation_lists_fetch()
    assert RevocationList.objects.count() == 1 and RevocationList.objects.get().fetched_at >= first


def test_unreachable_missing_and_broken_crls_are_logged_not_raised(crl_server, caplog):
    www, base = crl_server
    (www / "broken.crl").write_bytes(b"not a CRL")
    urls = [base + "/absent.crl", base + "/broken.crl", "http://127.0.0.1:9/refused.crl"]
    with caplog.at_level(logging.WARNING, logger="signing.crl_fetch"):
        result = revocation_lists_fetch(urls=urls, timeout=2)
    assert set(result.failed) == set(urls) and not result.fetched
    assert not RevocationList.objects.exists()
    assert sum("CRL not fetched" in record.getMessage() for record in caplog.records) == 3


def test_the_periodic_task_fetches_and_reports_counts(authority_with_cdp):
    root, sub, base = authority_with_cdp
    trusted_certificates_import(sub.cert.read_bytes(), kind="intermediate")
    TrustedCertificate.objects.create(
        kind="root", der=b"x", subject="S", issuer="I", serial="1", not_before="2020-01-01T00:00Z",
        not_after="2030-01-01T00:00Z", thumbprint="0" * 40, crl_urls=[base + "/gone.crl"])
    assert fetch_revocation_lists_task.delay().get() == {"fetched": 1, "failed": 1}


def test_an_inactive_certificate_is_not_fetched_for(authority_with_cdp):
    root, sub, base = authority_with_cdp
    trusted_certificates_import(sub.cert.read_bytes(), kind="intermediate")
    TrustedCertificate.objects.update(is_active=False)
    assert revocation_lists_fetch().fetched == []


def test_the_admin_action_fetches_for_the_selected_certificates(client, authority_with_cdp):
    from django.urls import reverse

    from accounts.tests.factories import StaffFactory

    root, sub, base = authority_with_cdp
    trusted_certificates_import(sub.cert.read_bytes(), kind="intermediate")
    client.force_login(StaffFactory(username="root", is_superuser=True))
    response = client.post(reverse("admin:signing_trustedcertificate_changelist"), {
        "action": "fetch_crls", "_selected_action": list(TrustedCertificate.objects.values_list("pk", flat=True)),
    }, follow=True)
    assert response.status_code == 200
    assert RevocationList.objects.filter(source_url=base + "/root.crl").exists()
