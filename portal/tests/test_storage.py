"""Uploads on local files and on S3 (SeaweedFS): reached only through permission-checked views, the
admin's links included; streamed or redirected to a one-minute presigned URL; moved to the bucket by
`move_files_to_bucket`."""

import hashlib
import io
import zipfile
from urllib.parse import parse_qs, quote, urlsplit

import pytest
import requests
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse

from appeals.tests.factories import pdf_upload, registered
from applications.tests.factories import submitted

pytestmark = pytest.mark.django_db
CONTENT = b"%PDF-1.4\n" + b"x" * 300_000 + b"\n%%EOF\n"


def appeal_with_file(applicant, content=CONTENT):
    appeal = registered(applicant, uploads=[pdf_upload("скан.pdf", content)])
    return appeal, appeal.files.get()


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_media_root_is_served_nowhere_and_file_urls_go_through_the_portal(client, applicant, other_applicant):
    appeal, stored = appeal_with_file(applicant)
    assert stored.file.url == reverse("stored_file", kwargs={"name": stored.file.name})
    assert client.get(f"/media/{stored.file.name}").status_code == 404
    assert client.get(stored.file.url).status_code == 404  # anonymous
    client.force_login(other_applicant)
    assert client.get(stored.file.url).status_code == 404
    client.force_login(applicant)
    response = client.get(stored.file.url)
    assert response.status_code == 200 and body(response) == CONTENT
    assert quote("скан.pdf") in response["Content-Disposition"] and "no-cache" in response["Cache-Control"]


def test_the_admin_links_files_through_the_permission_checked_view(admin_client, applicant):
    application = submitted(applicant)  # with its documents, attached before submission
    document = application.documents.first()
    page = admin_client.get(reverse("admin:applications_application_change", args=[application.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'href="/files/{document.file.name}"' in html and "/media/" not in html
    assert body(admin_client.get(f"/files/{document.file.name}")) == document.file.open("rb").read()


def test_uploads_land_in_the_private_bucket_and_stream_back(client, applicant, other_applicant, s3_storage):
    appeal, stored = appeal_with_file(applicant)
    objects = s3_storage.client().list_objects_v2(Bucket=default_storage.bucket_name)["Contents"]
    assert [item["Key"] for item in objects] == [stored.file.name]
    unsigned = requests.get(f"{s3_storage.endpoint}/{default_storage.bucket_name}/{stored.file.name}", timeout=5)
    assert unsigned.status_code == 403  # the bucket is private

    client.force_login(other_applicant)
    assert client.get(reverse("appeals:file_download", args=[appeal.pk, stored.pk])).status_code == 404
    client.force_login(applicant)
    response = client.get(reverse("appeals:file_download", args=[appeal.pk, stored.pk]))
    assert response.status_code == 200 and response.streaming and body(response) == CONTENT
    assert response["Content-Length"] == str(len(CONTENT))


def test_downloads_may_redirect_to_a_presigned_url_valid_for_a_minute(client, applicant, settings, s3_storage):
    settings.S3_DOWNLOADS = "redirect"
    appeal, stored = appeal_with_file(applicant)
    client.force_login(applicant)
    response = client.get(reverse("appeals:file_download", args=[appeal.pk, stored.pk]))
    assert response.status_code == 302 and response["Location"].startswith(s3_storage.endpoint)
    assert parse_qs(urlsplit(response["Location"]).query)["X-Amz-Expires"] == ["60"]
    fetched = requests.get(response["Location"], timeout=5)
    assert fetched.status_code == 200 and fetched.content == CONTENT
    assert "attachment" in fetched.headers["Content-Disposition"]


def test_the_documents_zip_streams_from_the_bucket(client, applicant, s3_storage):
    application = submitted(applicant)  # with its documents, attached before submission
    client.force_login(applicant)
    response = client.get(reverse("applications:documents_zip", args=[application.pk]))
    archive = zipfile.ZipFile(io.BytesIO(body(response)))
    expected = sorted(document.sha256 for document in application.documents.all())
    assert sorted(hashlib.sha256(archive.read(name)).hexdigest() for name in archive.namelist()) == expected
    assert len(expected) >= 3


def test_move_files_to_bucket_copies_verifies_and_can_run_again(applicant, settings, tmp_path, s3_server):
    local_root = settings.MEDIA_ROOT
    appeal, stored = appeal_with_file(applicant)  # local, as before the move
    second = registered(applicant, uploads=[pdf_upload("второй.pdf", CONTENT + b"2")]).files.get()
    (local_root / "orphan.bin").write_bytes(b"not referenced by any row")

    bucket = s3_server.new_bucket()
    _use_bucket(settings, s3_server, bucket)
    out = io.StringIO()
    call_command("move_files_to_bucket", "--from", str(local_root), stdout=out)
    assert "copied: 2" in out.getvalue()
    keys = {item["Key"]: item["Size"] for item in s3_server.client().list_objects_v2(Bucket=bucket)["Contents"]}
    assert keys == {stored.file.name: len(CONTENT), second.file.name: len(CONTENT) + 1}
    head = s3_server.client().head_object(Bucket=bucket, Key=stored.file.name)
    assert head["Metadata"]["sha256"] == hashlib.sha256(CONTENT).hexdigest()

    out = io.StringIO()
    call_command("move_files_to_bucket", "--from", str(local_root), "--delete-local", stdout=out)
    assert "copied: 0, already there: 2" in out.getvalue()
    assert not (local_root / stored.file.name).exists() and (local_root / "orphan.bin").exists()
    stored.refresh_from_db()
    assert stored.file.open("rb").read() == CONTENT  # now read from the bucket


def test_move_files_to_bucket_refuses_without_s3(applicant):
    with pytest.raises(CommandError, match="S3_BUCKET"):
        call_command("move_files_to_bucket")


def _use_bucket(settings, server, bucket):
    from portal.testing.s3 import ACCESS_KEY, SECRET_KEY

    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "portal.storage.PrivateS3Storage", "OPTIONS": {
        "bucket_name": bucket, "endpoint_url": server.endpoint, "access_key": ACCESS_KEY, "secret_key": SECRET_KEY,
        "region_name": "us-east-1", "addressing_style": "path", "signature_version": "s3v4", "default_acl": None}}}
