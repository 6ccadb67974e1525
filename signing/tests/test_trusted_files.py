"""Trusted certificates and CRLs as people upload them: PEM bundles, DER .cer, .p7b, and bad files."""

import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext

from accounts.tests.factories import StaffFactory
from signing.certificates import (
    CertificateFileError,
    read_certificates,
    revocation_lists_import,
    trusted_certificates_import,
)
from signing.models import RevocationList, TrustedCertificate
from signing.testing import pki

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(StaffFactory(username="root", is_superuser=True))
    return client


def der_of(cert, tmp_path):
    out = tmp_path / (cert.stem + ".cer")
    pki.openssl("x509", "-in", cert, "-outform", "DER", "-out", out)
    return out.read_bytes()


def p7b_of(certs, tmp_path, outform="DER"):
    out = tmp_path / "bundle.p7b"
    args = [str(arg) for cert in certs for arg in ("-certfile", cert)]
    # crl2pkcs7 takes no -engine, so not through pki.openssl
    subprocess.run([pki.OPENSSL, "crl2pkcs7", "-nocrl", *args, "-outform", outform, "-out", str(out)], check=True)
    return out.read_bytes()


def test_a_pem_bundle_makes_one_row_per_certificate(world):
    bundle = world.root.cert.read_bytes() + world.sub.cert.read_bytes()
    result = trusted_certificates_import(bundle, kind="intermediate", source_name="chain.pem")
    assert len(result.created) == 2
    subjects = set(TrustedCertificate.objects.values_list("subject", flat=True))
    assert subjects == {"O=Test PKI, CN=Тестовый корневой УЦ", "O=Test PKI, CN=Тестовый УЦ"}
    row = TrustedCertificate.objects.get(subject__endswith="CN=Тестовый УЦ")
    assert row.issuer == "O=Test PKI, CN=Тестовый корневой УЦ" and row.source_name == "chain.pem"
    assert len(row.thumbprint) == 40 and row.not_before < row.not_after


def test_a_der_cer_file_as_windows_exports_it_is_read(world, tmp_path):
    result = trusted_certificates_import(der_of(world.root.cert, tmp_path), kind="root")
    assert [row.subject for row in result.created] == ["O=Test PKI, CN=Тестовый корневой УЦ"]
    assert bytes(result.created[0].der) == der_of(world.root.cert, tmp_path)


@pytest.mark.parametrize("outform", ["DER", "PEM"])
def test_a_p7b_bundle_is_read(world, tmp_path, outform):
    data = p7b_of([world.root.cert, world.sub.cert], tmp_path, outform)
    assert len(read_certificates(data)) == 2


def test_uploading_the_same_certificate_again_updates_it(world):
    trusted_certificates_import(world.root.cert.read_bytes(), kind="intermediate")
    TrustedCertificate.objects.update(is_active=False)
    result = trusted_certificates_import(world.root.cert.read_bytes(), kind="root")
    assert not result.created and len(result.updated) == 1
    row = TrustedCertificate.objects.get()
    assert row.kind == "root" and row.is_active


@pytest.mark.parametrize("data", [b"", b"not a certificate at all", b"\x30\x03\x02\x01\x01",
                                  b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"])
def test_bad_files_are_refused_with_a_message(data):
    with pytest.raises(CertificateFileError) as error:
        read_certificates(data)
    assert str(error.value)


def test_a_crl_is_stored_once_and_a_fetched_one_replaces_its_predecessor(world):
    revocation_lists_import(world.crls[0].read_bytes())
    revocation_lists_import(world.crls[0].read_bytes())
    assert RevocationList.objects.count() == 1
    row = RevocationList.objects.get()
    assert row.issuer == "O=Test PKI, CN=Тестовый УЦ" and row.revoked_count == 1
    revocation_lists_import(world.crls[1].read_bytes(), source_url="http://ca.example/root.crl")
    revocation_lists_import(world.crls[1].read_bytes(), source_url="http://ca.example/root.crl")
    assert RevocationList.objects.filter(source_url="http://ca.example/root.crl").count() == 1


def test_admin_uploads_a_p7b_chain_as_several_rows(admin_client, world, tmp_path):
    upload = SimpleUploadedFile("chain.p7b", p7b_of([world.root.cert, world.sub.cert], tmp_path))
    response = admin_client.post(reverse("admin:signing_trustedcertificate_add"), {"kind": "root", "file": upload})
    assert response.status_code == 302
    assert TrustedCertificate.objects.filter(kind="root", source_name="chain.p7b").count() == 2


def test_admin_refuses_a_bad_certificate_file_and_says_why(admin_client):
    upload = SimpleUploadedFile("photo.cer", b"\x89PNG\r\n\x1a\n not a certificate")
    response = admin_client.post(reverse("admin:signing_trustedcertificate_add"), {"kind": "root", "file": upload})
    assert response.status_code == 200
    expected = gettext("This is not a certificate file (PEM, DER .cer/.crt or .p7b): %(error)s").split("%(")[0]
    assert expected in response.content.decode()
    assert not TrustedCertificate.objects.exists()


def test_admin_uploads_a_crl_and_refuses_garbage(admin_client, world):
    url = reverse("admin:signing_revocationlist_add")
    response = admin_client.post(url, {"file": SimpleUploadedFile("sub.crl", world.crls[0].read_bytes())})
    assert response.status_code == 302 and RevocationList.objects.count() == 1
    response = admin_client.post(url, {"file": SimpleUploadedFile("sub.crl", b"garbage")})
    assert response.status_code == 200 and RevocationList.objects.count() == 1


def test_admin_lists_searches_and_filters(admin_client, world):
    trusted_certificates_import(world.root.cert.read_bytes() + world.sub.cert.read_bytes(), kind="intermediate")
    TrustedCertificate.objects.filter(subject__contains="корневой").update(kind="root")
    url = reverse("admin:signing_trustedcertificate_changelist")
    response = admin_client.get(url, {"q": '"Тестовый УЦ"'})
    assert [row.kind for row in response.context["cl"].result_list] == ["intermediate"]
    response = admin_client.get(url, {"kind__exact": "root"})
    assert [row.subject for row in response.context["cl"].result_list] == ["O=Test PKI, CN=Тестовый корневой УЦ"]
    row = TrustedCertificate.objects.first()
    assert admin_client.get(reverse("admin:signing_trustedcertificate_change", args=[row.pk])).status_code == 200
    assert admin_client.get(reverse("admin:signing_signatureverification_changelist")).status_code == 200


def test_staff_without_the_permission_cannot_upload(client, staff, world):
    client.force_login(staff)
    upload = SimpleUploadedFile("root.pem", world.root.cert.read_bytes())
    response = client.post(reverse("admin:signing_trustedcertificate_add"), {"kind": "root", "file": upload})
    assert response.status_code == 403 and not TrustedCertificate.objects.exists()
