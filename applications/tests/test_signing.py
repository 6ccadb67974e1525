"""The signing step with real signatures made by OpenSSL's GOST engine at test time."""

import base64
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts import sample_numbers
from applications.models import ApplicationSignature, Status
from applications.tests.factories import submitted
from signing.testing import pki

pytestmark = pytest.mark.django_db

APPLICANT_SNILS = sample_numbers.snils()  # the SNILS in the factories' complete profile


@pytest.fixture(scope="session")
def authority(tmp_path_factory):
    return pki.Authority(tmp_path_factory.mktemp("application-pki"), "root", "gost2012_256_TCA",
                         subject="/CN=Тестовый УЦ/O=Test PKI")


@pytest.fixture(scope="session")
def applicant_key(authority):
    return authority.issue("ivanov", "gost2012_256_A",
                           f"/CN=Иванов Иван Иванович/SN=Иванов/GN=Иван Иванович/SNILS={APPLICANT_SNILS}")


@pytest.fixture(scope="session")
def stranger_key(authority):
    return authority.issue("petrov", "gost2012_512_A",
                           "/CN=Петров Пётр/SN=Петров/GN=Пётр/SNILS=" + sample_numbers.snils("987654321"))


@pytest.fixture
def awaiting(applicant, staff, settings, authority):
    settings.SIGNING_TRUST_ANCHORS = [str(authority.cert)]
    application = submitted(applicant)
    application.take_into_review(actor=staff)
    application.request_signature(actor=staff)
    return application


def signature_of(document, identity, tmp_path):
    out = tmp_path / f"{document.pk}-{identity.name}.sig"
    content = tmp_path / f"{document.pk}.document"  # the stored file may be in S3 (TEST_STORAGE=s3)
    with document.file.open("rb") as stored:
        content.write_bytes(stored.read())
    return pki.sign(identity, content, out, cades=True).read_bytes()


def post_file(client, application, document, data):
    return client.post(reverse("applications:sign_submit", args=[application.pk]),
                       {"document_id": document.pk, "signature_file": SimpleUploadedFile("doc.sig", data)})


def test_valid_signatures_of_every_document_make_the_application_signed(client, applicant, awaiting, applicant_key,
                                                                         tmp_path):
    client.force_login(applicant)
    documents = list(awaiting.documents.all())
    for document in documents[:-1]:
        post_file(client, awaiting, document, signature_of(document, applicant_key, tmp_path))
        awaiting.refresh_from_db()
        assert awaiting.status == Status.AWAITING_SIGNATURE
    last = documents[-1]
    encoded = base64.encodebytes(signature_of(last, applicant_key, tmp_path)).decode()  # as the plug-in sends it
    response = client.post(reverse("applications:sign_submit", args=[awaiting.pk]),
                           {"document_id": last.pk, "signature": encoded}, HTTP_ACCEPT="application/json")
    assert response.json()["ok"] and response.json()["valid"] and response.json()["signed"]
    awaiting.refresh_from_db()
    assert awaiting.status == Status.SIGNED
    assert ApplicationSignature.objects.filter(is_valid=True).count() == len(documents)
    assert awaiting.events.filter(to_status=Status.SIGNED, from_status=Status.AWAITING_SIGNATURE).exists()
    assert "Иванов" in ApplicationSignature.objects.first().signer


def test_a_signature_by_someone_else_is_not_accepted(client, applicant, awaiting, stranger_key, tmp_path):
    client.force_login(applicant)
    document = awaiting.documents.first()
    response = client.post(reverse("applications:sign_submit", args=[awaiting.pk]),
                           {"document_id": document.pk,
                            "signature_file": SimpleUploadedFile("x.sig",
                                                                 signature_of(document, stranger_key, tmp_path))},
                           HTTP_ACCEPT="application/json")
    answer = response.json()
    assert answer["ok"] and not answer["valid"]
    assert "СНИЛС" in answer["summary"]
    assert not answer["summary"].startswith("Подпись верна")  # a rejected signature never reads as a valid one
    awaiting.refresh_from_db()
    assert awaiting.status == Status.AWAITING_SIGNATURE


def test_a_signature_of_another_document_is_refused(client, applicant, awaiting, applicant_key, tmp_path):
    client.force_login(applicant)
    first, second = list(awaiting.documents.all())[:2]
    second.file.save(second.file.name.rsplit("/", 1)[-1], ContentFile(b"%PDF-1.4\n% another document\n%%EOF\n"))
    # (factories share content)
    response = post_file(client, awaiting, second, signature_of(first, applicant_key, tmp_path))
    assert response.status_code == 302
    assert not ApplicationSignature.objects.get().is_valid


@pytest.mark.parametrize("data,message", [
    ({"signature": "не base64 !!!"}, "не в base64"),
    ({"signature": ""}, "Выберите файл подписи"),
    ({"signature": base64.b64encode(b"garbage").decode()}, "подпись"),
])
def test_bad_signatures_get_a_clear_message(client, applicant, awaiting, data, message):
    client.force_login(applicant)
    document = awaiting.documents.first()
    response = client.post(reverse("applications:sign_submit", args=[awaiting.pk]),
                           {"document_id": document.pk, **data}, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()
    awaiting.refresh_from_db()
    assert awaiting.status == Status.AWAITING_SIGNATURE


@pytest.mark.parametrize("document_id", ["", "abc", "999999"])
def test_an_unknown_document_is_explained(client, applicant, awaiting, document_id):
    client.force_login(applicant)
    response = client.post(reverse("applications:sign_submit", args=[awaiting.pk]),
                           {"document_id": document_id, "signature": "MA=="}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400 and "документ" in response.json()["summary"]


def test_signing_is_refused_outside_the_signing_step(client, applicant, settings):
    application = submitted(applicant)
    client.force_login(applicant)
    response = client.post(reverse("applications:sign_submit", args=[application.pk]),
                           {"document_id": application.documents.first().pk, "signature": "MA=="},
                           HTTP_ACCEPT="application/json")
    assert response.status_code == 400 and "не ожидает подписи" in response.json()["summary"]


def test_the_signed_files_download_together(client, applicant, awaiting, applicant_key, tmp_path):
    client.force_login(applicant)
    document = awaiting.documents.first()
    post_file(client, awaiting, document, signature_of(document, applicant_key, tmp_path))
    response = client.get(reverse("applications:signed_zip", args=[awaiting.pk]))
    names = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()
    assert f"{document.original_name}.sig" in names and len(names) == awaiting.documents.count() + 1


def test_another_applicant_gets_404_on_the_signing_urls(client, other_applicant, awaiting):
    client.force_login(other_applicant)
    for name, method in (("sign", "get"), ("sign_submit", "post"), ("signed_zip", "get")):
        assert getattr(client, method)(reverse(f"applications:{name}", args=[awaiting.pk])).status_code == 404
