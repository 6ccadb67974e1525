"""The check page, the verify page with its stored report, and the test-document signing endpoint."""

import base64
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from signing import views
from signing.certificates import trusted_certificates_import
from signing.models import SignatureVerification
from signing.services import LEGAL_ENTITY, ExpectedSigner, verification_record
from signing.testing import pki

pytestmark = pytest.mark.django_db


@pytest.fixture
def trusted(world):
    trusted_certificates_import(world.root.cert.read_bytes(), kind="root")


@pytest.fixture(scope="module")
def signature(world, tmp_path_factory):
    out = tmp_path_factory.mktemp("pages") / "document.sig"
    return pki.sign(world.signers["gost2012_256_TCA"], world.document, out, certfiles=[world.sub.cert]).read_bytes()


def upload(name, data):
    return SimpleUploadedFile(name, data)


def post_verify(client, **files):
    return client.post(reverse("signing:verify"), files)


def test_the_check_page_works_for_anonymous_visitors(client):
    response = client.get(reverse("signing:check"))
    assert response.status_code == 200
    page = response.content.decode()
    assert views.PLUGIN_INSTALL_URL in page
    assert "signing/cades.js" in page and "signing/check.js" in page
    assert 'id="signing-messages"' in page and reverse("signing:test_sign") in page
    assert "cadesplugin_api.js" not in page  # CryptoPro's file is not in the repository


def test_the_check_page_loads_cryptopros_script_when_the_operator_installed_it(client, monkeypatch):
    monkeypatch.setattr("signing.templatetags.signing_tags.vendor_script_present", lambda: True)
    monkeypatch.setattr("signing.views.vendor_script_present", lambda: True)
    page = client.get(reverse("signing:check")).content.decode()
    assert page.index("vendor/cadesplugin_api.js") < page.index("signing/cades.js")


def test_the_verify_page_is_public_and_keeps_nothing_for_visitors(client, world, signature, trusted, settings):
    settings.RATE_LIMITS_ENABLED = True
    settings.SIGNING_ANONYMOUS_CHECKS_PER_HOUR = 2
    page = client.get(reverse("signing:verify"))
    assert page.status_code == 200 and 'id="anonymous-note"' in page.content.decode()
    for _ in range(2):
        response = post_verify(client, document=upload("Договор.txt", world.document.read_bytes()),
                               signature=upload("Договор.txt.sig", signature + b"\r\n"))
        text = response.content.decode()
        assert response.status_code == 200 and "Подпись верна: Иванов И. И." in text
        assert 'id="not-kept"' in text and "байт пробелов или нулей" in text
    assert SignatureVerification.objects.count() == 0
    limited = post_verify(client, document=upload("Договор.txt", world.document.read_bytes()),
                          signature=upload("Договор.txt.sig", signature))
    assert "Подпись верна" not in limited.content.decode() and "Слишком много проверок" in limited.content.decode()


def test_a_valid_signature_gives_a_stored_report(client, applicant, world, signature, trusted):
    client.force_login(applicant)
    response = post_verify(client, document=upload("Договор.txt", world.document.read_bytes()),
                           signature=upload("Договор.txt.sig", signature))
    record = SignatureVerification.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("signing:report", args=[record.pk])
    assert record.is_valid and record.indication == "TOTAL_PASSED" and record.created_by == applicant
    assert record.document_sha256 == hashlib.sha256(world.document.read_bytes()).hexdigest()
    assert record.signature_sha256 == hashlib.sha256(signature).hexdigest()
    assert record.document_name == "Договор.txt" and record.signer_name == "Иванов Иван Иванович"
    page = client.get(response["Location"]).content.decode()
    assert "Подпись верна: Иванов И. И., ООО «Ромашка», ИНН ЮЛ 7701234567, ОГРН 1027700132195." in page
    for text in ("TOTAL_PASSED", "1027700132195", "12345678901", "ГОСТ Р 34.10-2012 (256)", "Тестовый УЦ"):
        assert text in page


def test_pasted_base64_is_the_same_signature(client, applicant, world, signature, trusted):
    client.force_login(applicant)
    client.post(reverse("signing:verify"), {"document": upload("d.txt", world.document.read_bytes()),
                                            "signature_text": base64.encodebytes(signature).decode()})
    record = SignatureVerification.objects.get()
    assert record.is_valid and record.signature_sha256 == hashlib.sha256(signature).hexdigest()


def test_a_changed_document_fails(client, applicant, world, signature, trusted):
    client.force_login(applicant)
    post_verify(client, document=upload("d.txt", world.document.read_bytes() + b"!"),
                signature=upload("d.sig", signature))
    record = SignatureVerification.objects.get()
    assert not record.is_valid and record.subindication == "HASH_FAILURE"
    assert "документ изменён" in record.summary


def test_garbage_gets_a_report_not_an_error(client, applicant):
    client.force_login(applicant)
    response = post_verify(client, document=upload("d.txt", b"text"), signature=upload("d.sig", b"\x00garbage"))
    record = SignatureVerification.objects.get()
    assert response.status_code == 302 and record.subindication == "FORMAT_FAILURE"
    assert client.get(response["Location"]).status_code == 200


def test_no_files_is_explained_and_nothing_is_stored(client, applicant):
    client.force_login(applicant)
    response = post_verify(client)
    assert response.status_code == 200 and response.context["form"].errors["signature"]
    assert not SignatureVerification.objects.exists()


def test_a_file_over_the_limit_is_refused(client, applicant, settings, signature):
    settings.UPLOAD_MAX_FILE_MB = 1
    client.force_login(applicant)
    response = post_verify(client, document=upload("big.bin", b"x" * (1024 * 1024 + 1)),
                           signature=upload("d.sig", signature))
    assert response.status_code == 200 and response.context["form"].errors["document"]
    assert not SignatureVerification.objects.exists()


def test_a_file_and_text_together_are_refused(client, applicant, signature):
    client.force_login(applicant)
    response = client.post(reverse("signing:verify"), {"signature": upload("d.sig", signature),
                                                        "signature_text": "MIIB"})
    assert response.context["form"].errors["signature_text"]


def test_someone_elses_report_is_404(client, applicant, other_applicant, world, signature):
    record = verification_record(world.document, signature, user=other_applicant)
    client.force_login(applicant)
    assert client.get(reverse("signing:report", args=[record.pk])).status_code == 404
    client.force_login(other_applicant)
    assert client.get(reverse("signing:report", args=[record.pk])).status_code == 200


def test_the_expected_signer_is_compared_and_stored(world, signature, trusted):
    record = verification_record(world.document, signature,
                                 expected=ExpectedSigner(LEGAL_ENTITY, inn="7701234567", ogrn="1027700132195"))
    assert record.signer_matches is True and "ИНН ЮЛ" in record.signer_match_reason
    record = verification_record(world.document, signature, expected=ExpectedSigner(LEGAL_ENTITY, inn="7709999999"))
    assert record.signer_matches is False


@pytest.fixture(scope="module")
def test_document_signature(world, tmp_path_factory):
    directory = tmp_path_factory.mktemp("test-document")
    (directory / "test.txt").write_bytes(views.TEST_DOCUMENT)
    signed = pki.sign(world.signers["gost2012_512_A"], directory / "test.txt", directory / "test.sig",
                      certfiles=[world.sub.cert])
    return base64.b64encode(signed.read_bytes()).decode()


def test_the_test_document_is_served_as_is(client):
    response = client.get(reverse("signing:test_document"))
    assert response.content == views.TEST_DOCUMENT


def test_an_anonymous_test_signature_is_answered_but_not_kept(client, trusted, test_document_signature):
    response = client.post(reverse("signing:test_sign"), {"document_id": "test", "signature": test_document_signature})
    answer = response.json()
    assert answer["ok"] and answer["valid"] and answer["summary"].startswith("Подпись верна")
    assert "report_url" not in answer and not SignatureVerification.objects.exists()


def test_a_logged_in_test_signature_links_its_report(client, applicant, trusted, test_document_signature):
    client.force_login(applicant)
    answer = client.post(reverse("signing:test_sign"),
                         {"document_id": "test", "signature": test_document_signature}).json()
    record = SignatureVerification.objects.get()
    assert answer["report_url"] == reverse("signing:report", args=[record.pk]) and record.is_valid


@pytest.mark.parametrize("data", [{}, {"document_id": "other", "signature": "MIIB"}])
def test_a_bad_signing_request_is_a_400_with_json(client, data):
    response = client.post(reverse("signing:test_sign"), data)
    assert response.status_code == 400 and response.json()["ok"] is False


def test_an_attached_signature_needs_no_document(client, applicant, world, trusted, tmp_path):
    attached = pki.sign(world.signers["gost2012_256_TCA"], world.document, tmp_path / "a.p7s", detached=False,
                        certfiles=[world.sub.cert])
    client.force_login(applicant)
    post_verify(client, signature=upload("a.p7s", attached.read_bytes()))
    record = SignatureVerification.objects.get()
    assert record.is_valid and record.document_sha256 == "" and record.document_name == ""


def test_a_detached_signature_without_its_document_is_explained(client, applicant, signature, trusted):
    client.force_login(applicant)
    post_verify(client, signature=upload("d.sig", signature))
    record = SignatureVerification.objects.get()
    assert record.subindication == "SIGNED_DATA_NOT_FOUND" and "документ не передан" in record.summary


def test_the_report_page_shows_the_timestamp_countersigner_and_unchecked_attributes(
        client, applicant, world, signature, trusted, tmp_path):
    from signing.testing import cades

    tsa = world.sub.issue("pages_tsa", "gost2012_256_TCA", "/CN=Служба штампов портала", extensions="tsa_cert")
    token = cades.timestamp_token(tsa, cades.signature_value(signature), tmp_path / "ts")
    counter = cades.countersignature(world.signers["gost2012_256_TCA"], cades.signature_value(signature), tmp_path)
    extended = cades.with_unsigned_attributes(signature, [
        (cades.TIMESTAMP_TOKEN, [token]), (cades.COUNTERSIGNATURE, [counter]), ("1.2.643.2.2.99.1", [b"\x05\x00"])])
    client.force_login(applicant)
    response = post_verify(client, document=upload("Договор.txt", world.document.read_bytes()),
                           signature=upload("Договор.txt.sig", extended))
    page = client.get(response["Location"]).content.decode()
    assert "Штамп времени подписи" in page and "Служба штампов портала" in page
    assert page.count("Заверяющая подпись") >= 1 and 'class="mt-3 ms-md-4 countersigner"' in page
    assert "Непроверяемые атрибуты" in page and "1.2.643.2.2.99.1" in page


def test_signing_pages_carry_the_guidance_for_a_missing_plug_in(client):
    page = client.get(reverse("signing:check")).content.decode()
    assert 'class="signer-help alert alert-warning small d-none"' in page
    for system in ("windows", "macos", "unix"):
        assert f"plugin-installation-{system}.html" in page
    assert reverse("signing:check") in page


def test_the_anonymous_limit_is_per_client_behind_the_tls_proxy_and_covers_the_test_signature(
        client, settings, trusted, test_document_signature):
    settings.RATE_LIMITS_ENABLED = True
    settings.SIGNING_ANONYMOUS_CHECKS_PER_HOUR = 1
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    data = {"document_id": "test", "signature": test_document_signature}
    url = reverse("signing:test_sign")
    first = client.post(url, data, HTTP_X_FORWARDED_FOR="198.51.100.7", REMOTE_ADDR="10.0.0.2")
    assert first.status_code == 200 and first.json()["valid"]
    again = client.post(url, data, HTTP_X_FORWARDED_FOR="198.51.100.7", REMOTE_ADDR="10.0.0.2")
    assert again.status_code == 429 and "Слишком много проверок" in again.json()["summary"]
    other = client.post(url, data, HTTP_X_FORWARDED_FOR="203.0.113.9", REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 200 and other.json()["valid"]  # another visitor behind the same proxy
