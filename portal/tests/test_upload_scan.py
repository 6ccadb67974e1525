"""Uploads checked harder: programs and scripts by content, ZIP members and bombs, clamd with EICAR."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.testing.clamd import EICAR, clamd_server  # noqa: F401 (fixture)
from portal.uploads import validate_upload

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def upload(name, content):
    return SimpleUploadedFile(name, content)


def refusal(name, content):
    with pytest.raises(ValidationError) as caught:
        validate_upload(upload(name, content))
    return caught.value


def zip_of(members, *, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize("content", [
    b"MZ\x90\x00" + b"\x00" * 200 + PDF,  # a Windows program with "%PDF-" in its first kilobyte
    b"\x7fELF\x02\x01\x01" + PDF,
    b"#!/bin/sh\nrm -rf ~\n" + PDF,
    b"<html><script>alert(1)</script>" + PDF,
    b"\xef\xbb\xbf  <!DOCTYPE html><p>" + PDF,
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
])
def test_programs_and_scripts_are_refused_by_content_whatever_the_name(content):
    error = refusal("договор.pdf", content)
    assert error.code == "file_type_not_allowed" and "программа или сценарий" in error.messages[0]


def test_a_pdf_with_junk_before_its_header_is_still_accepted():
    assert validate_upload(upload("скан.pdf", b"\x00\x01junk" + PDF)).kind == "pdf"


def test_a_zip_of_documents_is_accepted():
    content = zip_of({"скан.pdf": PDF, "папка/подпись.sig": b"0\x80\x06\x09*\x86H\x86\xf7\r\x01\x07\x02"})
    assert validate_upload(upload("документы.zip", content)).kind == "zip"


@pytest.mark.parametrize("member,content", [
    ("setup.exe", b"MZ\x90\x00"),
    ("index.html", b"<html><script>alert(1)</script></html>"),
    ("readme.pdf", b"MZ\x90\x00 a program named as a PDF"),
    ("inner.zip", zip_of({"a.pdf": PDF})),
])
def test_a_zip_holding_programs_pages_or_archives_is_refused(member, content):
    error = refusal("документы.zip", zip_of({"скан.pdf": PDF, member: content}))
    assert error.code == "archive_member_not_allowed" and member in error.messages[0]


def test_a_zip_bomb_is_refused_without_unpacking_it():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("zeros.pdf", "w", force_zip64=True) as member:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(200):  # 200 MB of zeros
                member.write(chunk)
    assert len(buffer.getvalue()) < 1024 * 1024
    error = refusal("бомба.zip", buffer.getvalue())
    assert error.code == "archive_bomb"


def test_a_zip_with_too_many_entries_is_refused(settings):
    settings.UPLOAD_ZIP_MAX_MEMBERS = 10
    error = refusal("много.zip", zip_of({f"{number}.pdf": PDF for number in range(11)}))
    assert error.code == "archive_too_many" and "11" in error.messages[0]


def test_a_zip_that_unpacks_past_the_limit_is_refused(settings):
    settings.UPLOAD_ZIP_MAX_UNPACKED_MB = 1
    error = refusal("большой.zip", zip_of({"a.pdf": PDF + b"%" * (2 * 1024 * 1024)}, compression=zipfile.ZIP_STORED))
    assert error.code == "archive_too_big"


def test_clamd_finds_the_eicar_file_alone_and_inside_an_archive(settings, clamd_server):  # noqa: F811
    settings.CLAMAV = clamd_server.address
    assert validate_upload(upload("скан.pdf", PDF)).kind == "pdf"
    error = refusal("скан.pdf", PDF + EICAR)
    assert error.code == "virus_found" and "Portal-Test-Eicar-Body" in error.messages[0]
    error = refusal("документы.zip", zip_of({"readme.txt": EICAR}))
    assert error.code == "virus_found" and "скан" not in error.messages[0]


def test_an_upload_is_refused_when_clamd_cannot_answer(settings):
    from notifications.testing import free_port

    settings.CLAMAV = f"tcp://127.0.0.1:{free_port()}"
    error = refusal("скан.pdf", PDF)
    assert error.code == "virus_check_failed"


@pytest.mark.django_db
def test_an_appeal_with_an_infected_file_is_refused_in_russian_and_keeps_its_text(
        client, applicant, settings, clamd_server):  # noqa: F811
    from django.urls import reverse

    from appeals.models import Appeal
    from appeals.tests.factories import TopicFactory
    from portal.tests.factories import BranchFactory

    settings.CLAMAV = clamd_server.address
    client.force_login(applicant)
    text = "Прошу проверить приложенный договор."
    response = client.post(reverse("appeals:new"), {
        "branch": BranchFactory().pk, "topic": TopicFactory().pk, "text": text, "application": "",
        "files": [upload("договор.pdf", PDF + EICAR)]})
    assert response.status_code == 200 and not Appeal.objects.exists()
    page = response.content.decode()
    assert "В файле «договор.pdf» обнаружена угроза" in page and text in page
