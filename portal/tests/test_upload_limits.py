"""Bounded request bodies (portal/upload_limits.py): a huge body is refused unread, a file over its
limit is dropped while it streams in, too many files get a counted message; typed text is kept."""

import io

import pytest
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.test.client import MULTIPART_CONTENT
from django.urls import reverse

from appeals.models import Appeal
from appeals.tests.factories import TopicFactory, pdf_upload
from portal.tests.factories import BranchFactory
from portal.uploads import MB

pytestmark = pytest.mark.django_db
TEXT = "Прошу сообщить срок подключения."


class UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def appeal_form(**extra):
    return {"branch": BranchFactory().pk, "topic": TopicFactory().pk, "text": TEXT, "application": "", **extra}


@pytest.fixture
def bytes_to_disk(monkeypatch):
    """How many bytes Django's temporary-file handler was given to write."""
    written = []
    real = TemporaryFileUploadHandler.receive_data_chunk

    def counting(self, raw_data, start):
        written.append(len(raw_data))
        return real(self, raw_data, start)

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", counting)
    return written


@pytest.mark.parametrize("url", [reverse("account_login"), reverse("appeals:new")])
def test_a_body_larger_than_any_form_accepts_is_refused_unread(client, url):
    response = client.generic("POST", url, b"", content_type=MULTIPART_CONTENT,
                              CONTENT_LENGTH=str(2 * 1024 * MB), **{"wsgi.input": UnreadableBody()})
    assert response.status_code == 413
    page = response.content.decode().replace("\xa0", " ")
    assert "Слишком много данных" in page and "2 ГБ" in page and "200 МБ" in page


def test_a_file_over_its_limit_is_not_written_whole_and_the_text_is_kept(client, applicant, settings, bytes_to_disk):
    settings.UPLOAD_MAX_FILE_MB = 1
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # the temporary-file handler, as for real scans
    client.force_login(applicant)
    big = pdf_upload("большой.pdf", b"%PDF-1.4\n" + b"0" * (8 * MB))
    response = client.post(reverse("appeals:new"), appeal_form(files=[big]))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["files"]).replace("\xa0", " ")
    assert "большой.pdf" in errors and "не больше 1 МБ" in errors and "8 МБ" in errors
    assert TEXT in response.content.decode() and not Appeal.objects.exists()
    assert sum(bytes_to_disk) <= 1 * MB + 64 * 1024  # one chunk past the limit at most, not 8 MB


def test_too_many_files_are_counted_and_explained_and_the_text_is_kept(client, applicant):
    client.force_login(applicant)
    files = [pdf_upload(f"скан-{number}.pdf") for number in range(101)]
    response = client.post(reverse("appeals:new"), appeal_form(files=files))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["files"])
    assert "Выбрано файлов: 101" in errors and "не более 20" in errors
    assert TEXT in response.content.decode() and not Appeal.objects.exists()


def test_the_handler_stops_reading_once_the_request_passes_its_limit(settings):
    """Defence in depth behind the Content-Length check (a body without one, a proxy that streams)."""
    from django.core.files.uploadhandler import StopUpload

    from portal.upload_limits import FORM_FIELDS_BYTES, UploadLimitHandler

    settings.UPLOAD_MAX_TOTAL_MB = 1
    handler = UploadLimitHandler()
    handler.new_file("files", "a.pdf", "application/pdf", None)
    chunk = b"0" * (64 * 1024)
    with pytest.raises(StopUpload):
        for start in range(0, 2 * MB + FORM_FIELDS_BYTES, len(chunk)):
            handler.receive_data_chunk(chunk, start)
    assert handler.request_bytes <= 1 * MB + FORM_FIELDS_BYTES + len(chunk)
