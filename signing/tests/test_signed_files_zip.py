"""'Download signed files' (seed 003): the document with its signature files beside it."""

import base64
import io
import zipfile

from portal.zipstream import zip_response
from signing.services import signed_files_archive_entries, signed_files_zip_entries


def unzip(response):
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return {name: archive.read(name) for name in archive.namelist()}


def test_the_document_and_every_signature_are_named_as_cryptopro_names_them(tmp_path):
    document = tmp_path / "contract.pdf"
    document.write_bytes(b"%PDF-1.7 contract")
    first, second = b"\x30\x03\x02\x01\x01", b"\x30\x03\x02\x01\x02"
    entries = signed_files_zip_entries("Договор.pdf", document, [first, base64.b64encode(second).decode()],
                                       folder="2026-000123")
    files = unzip(zip_response(entries, "Договор.zip"))
    assert files == {
        "2026-000123/Договор.pdf": b"%PDF-1.7 contract",
        "2026-000123/Договор.pdf.sig": first,
        "2026-000123/Договор.pdf (2).sig": second,
    }


def test_callables_are_opened_only_when_their_turn_comes():
    opened = []

    def open_document():
        opened.append("document")
        return io.BytesIO(b"text")

    entries = signed_files_zip_entries("a.txt", open_document, [])
    assert opened == []
    assert unzip(zip_response(entries, "a.zip")) == {"a.txt": b"text"} and opened == ["document"]


def test_documents_of_the_same_name_keep_their_signatures_beside_them():
    entries = signed_files_archive_entries([
        ("Ситуационный план.jpg", b"first plan", [b"\x30\x01\x01"]),
        ("ситуационный план.jpg", b"second plan", [b"\x30\x01\x02"]),
    ])
    assert unzip(zip_response(entries, "a.zip")) == {
        "Ситуационный план.jpg": b"first plan",
        "Ситуационный план.jpg.sig": b"\x30\x01\x01",
        "ситуационный план (2).jpg": b"second plan",
        "ситуационный план (2).jpg.sig": b"\x30\x01\x02",
    }
