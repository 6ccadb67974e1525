"""Downloaded file names keep «№» (a contract number is part of the name people gave the file)."""

from urllib.parse import unquote

import pytest
from django.urls import reverse

from applications.tests.factories import ApplicationFactory, pdf_upload
from portal.uploads import clean_filename
from portal.zipstream import content_disposition

NAME = "Договор № 12 от 01.02.2026.pdf"


def real_name(header):
    """The name a browser saves: filename* (RFC 5987) when present, else filename."""
    if "filename*=" in header:
        return unquote(header.split("filename*=")[1].split("''", 1)[1])
    return header.split('filename="')[1].rstrip('"')


def test_a_clean_name_keeps_the_number_sign():
    assert clean_filename(NAME) == NAME


def test_the_zip_and_its_header_keep_the_number_sign():
    assert real_name(content_disposition(NAME)) == NAME
    assert "No 12" in content_disposition(NAME)  # the ASCII fallback for old clients


@pytest.mark.django_db
def test_a_document_downloads_under_its_name_with_the_number_sign(client, applicant):
    from applications.services import document_add

    application = ApplicationFactory(applicant=applicant)
    document = document_add(application=application, uploaded_file=pdf_upload(NAME), slot="land_title",
                            actor=applicant)
    assert document.original_name == NAME
    client.force_login(applicant)
    response = client.get(reverse("applications:document_download", args=[application.pk, document.pk]))
    assert real_name(response["Content-Disposition"]) == NAME
