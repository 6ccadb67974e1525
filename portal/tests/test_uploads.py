import base64
import datetime
import hashlib
import io
import struct
import zipfile

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.utils import translation
from PIL import Image

from portal.uploads import (
    ACCEPT_ATTRIBUTE,
    ALL_KINDS,
    ALLOWED_EXTENSIONS,
    MB,
    UploadCheck,
    accept_attribute,
    clean_filename,
    detect_file_kind,
    human_size,
    validate_upload,
)

# --- Sample files, made here so the tests need nothing from outside -----------------------------------


def pdf_bytes():
    return b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def image_bytes(image_format):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, image_format)
    return buffer.getvalue()


def zip_bytes(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            # ODF requires "mimetype" first and uncompressed.
            archive.writestr(name, data, zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def ooxml_bytes(main_part, content_type, extra=None):
    types = (f'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             f'<Default Extension="xml" ContentType="application/xml"/>'
             f'<Override PartName="/{main_part}" ContentType="application/vnd.openxmlformats-officedocument.'
             f'{content_type}"/></Types>')
    return zip_bytes({"[Content_Types].xml": types, "_rels/.rels": "<Relationships/>", main_part: "<x/>",
                      **(extra or {})})


def docx_bytes(extra=None):
    return ooxml_bytes("word/document.xml", "wordprocessingml.document.main+xml", extra)


def xlsx_bytes():
    return ooxml_bytes("xl/workbook.xml", "spreadsheetml.sheet.main+xml")


def pptx_bytes():
    return ooxml_bytes("ppt/presentation.xml", "presentationml.presentation.main+xml")


def odf_bytes(kind):
    return zip_bytes({"mimetype": f"application/vnd.oasis.opendocument.{kind}", "content.xml": "<x/>",
                      "META-INF/manifest.xml": "<manifest/>"})


END_OF_CHAIN, FREE, FAT_SECTOR = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD


def ole_header(first_directory, fat_sectors=1, first_difat=END_OF_CHAIN, difat_sectors=0):
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 44, fat_sectors, first_directory, 0, 4096, END_OF_CHAIN, 0,
                     first_difat, difat_sectors, 0)
    struct.pack_into("<108I", header, 80, *[FREE] * 108)
    return header


def directory_sector(names):
    """Four 128-byte directory entries: the root storage first, then streams."""
    sector = bytearray(512)
    for index, name in enumerate(names):
        encoded = name.encode("utf-16-le")
        start = index * 128
        sector[start:start + len(encoded)] = encoded
        struct.pack_into("<HB", sector, start + 64, len(encoded) + 2, 5 if index == 0 and name == "Root Entry" else 2)
    return sector


def fat_sector(entries):
    values = list(entries) + [FREE] * (128 - len(entries))
    return struct.pack("<128I", *values)


def ole_bytes(stream):
    """Word or Excel 97-2003 in miniature: the stream that tells them apart sits in a second directory sector."""
    fat = fat_sector([FAT_SECTOR, 2, END_OF_CHAIN])
    first = directory_sector(["Root Entry", "\x05SummaryInformation", "\x01CompObj", "ObjectPool"])
    second = directory_sector([stream])
    return bytes(ole_header(first_directory=1) + fat + first + second)


def signature_der():
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Иванов Иван Иванович")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(1).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1))
                   .sign(key, hashes.SHA256()))
    signature = (pkcs7.PKCS7SignatureBuilder().set_data(b"document").add_signer(certificate, key, hashes.SHA256())
                 .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature]))
    return signature, certificate.public_bytes(serialization.Encoding.DER)


SIGNATURE_DER, CERTIFICATE_DER = signature_der()


def pem(der, label):
    body = base64.encodebytes(der).decode()
    return f"-----BEGIN {label}-----\n{body}-----END {label}-----\n".encode()


SAMPLES = {
    "pdf": ("заявление.pdf", pdf_bytes()),
    "jpeg": ("фото.jpg", image_bytes("JPEG")),
    "png": ("схема.png", image_bytes("PNG")),
    "tiff": ("скан.tif", image_bytes("TIFF")),
    "doc": ("письмо.doc", ole_bytes("WordDocument")),
    "xls": ("расчёт.xls", ole_bytes("Workbook")),
    "docx": ("договор.docx", docx_bytes()),
    "xlsx": ("нагрузки.xlsx", xlsx_bytes()),
    "odt": ("заявка.odt", odf_bytes("text")),
    "ods": ("таблица.ods", odf_bytes("spreadsheet")),
    "zip": ("архив.zip", zip_bytes({"a.txt": "a"})),
    "sig": ("подпись.sig", SIGNATURE_DER),
}


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def error_of(uploaded, **options):
    with pytest.raises(ValidationError) as caught:
        validate_upload(uploaded, **options)
    return caught.value


@pytest.fixture(autouse=True)
def english_messages():
    """Messages are checked by their English ids; the Russian catalogue translates them."""
    with translation.override("en"):
        yield


# --- Detection --------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", SAMPLES)
def test_it_detects_every_accepted_kind_by_content(kind):
    assert detect_file_kind(io.BytesIO(SAMPLES[kind][1])) == kind


@pytest.mark.parametrize("content, kind", [
    (pem(SIGNATURE_DER, "PKCS7"), "sig"),
    (pem(SIGNATURE_DER, "CMS"), "sig"),
    (base64.b64encode(SIGNATURE_DER), "sig"),
    (base64.encodebytes(SIGNATURE_DER).replace(b"\n", b"\r\n"), "sig"),
    (b"\xef\xbb\xbf" + base64.b64encode(SIGNATURE_DER) + b"\n", "sig"),
    (b"\x30\x80" + SIGNATURE_DER[4:40], "sig"),  # BER with indefinite length
    (pptx_bytes(), "pptx"),
    (odf_bytes("presentation"), "odp"),
    (ole_bytes("PowerPoint Document"), "ole"),
    (ole_bytes("EncryptedPackage"), "ole"),
    (b"junk from a scanner\r\n%PDF-1.4\n", "pdf"),
    (image_bytes("TIFF").replace(b"II*\x00", b"MM\x00*", 1), "tiff"),
])
def test_it_detects_signature_forms_and_other_office_files(content, kind):
    assert detect_file_kind(io.BytesIO(content)) == kind


@pytest.mark.parametrize("content", [
    b"", b"hello, world", CERTIFICATE_DER, pem(CERTIFICATE_DER, "CERTIFICATE"),
    base64.b64encode(CERTIFICATE_DER), b"PK\x03\x04 a damaged archive",
])
def test_it_recognises_nothing_in_other_content(content):
    assert detect_file_kind(io.BytesIO(content)) is None


def test_it_finds_the_word_stream_through_a_fat_sector_listed_in_the_difat():
    """A large .doc: the directory lies past the 109 FAT sectors the header can list."""
    directory = 109 * 128  # the first sector that needs FAT sector number 109
    data = bytearray((directory + 3) * 512)
    data[0:512] = ole_header(first_directory=directory, fat_sectors=2, first_difat=1, difat_sectors=1)
    data[512:1024] = fat_sector([FAT_SECTOR, 0xFFFFFFFC, FAT_SECTOR])
    data[1024:1536] = fat_sector([2] + [FREE] * 126 + [END_OF_CHAIN])  # the DIFAT sector
    data[1536:2048] = fat_sector([directory + 1, END_OF_CHAIN])  # FAT sector 109, in sector 2
    struct.pack_into("<I", data, 76, 0)  # FAT sector 0 is sector 0
    data[(directory + 1) * 512:(directory + 2) * 512] = directory_sector(["Root Entry"])
    data[(directory + 2) * 512:(directory + 3) * 512] = directory_sector(["WordDocument"])
    assert detect_file_kind(io.BytesIO(bytes(data))) == "doc"


def test_a_damaged_compound_file_is_an_unknown_office_file():
    assert detect_file_kind(io.BytesIO(ole_bytes("WordDocument")[:700])) == "ole"


def test_it_trusts_neither_the_name_nor_the_content_type():
    uploaded = SimpleUploadedFile("scan.pdf", image_bytes("PNG"), content_type="application/pdf")
    assert detect_file_kind(uploaded) == "png"


def test_it_restores_the_file_position():
    for kind in ("pdf", "docx", "doc", "sig"):
        handle = io.BytesIO(SAMPLES[kind][1])
        handle.seek(5)
        detect_file_kind(handle)
        assert handle.tell() == 5


class CountingFile(io.BytesIO):
    def __init__(self, data):
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size=-1):
        data = super().read(size)
        self.bytes_read += len(data)
        return data


def test_it_reads_only_the_head_of_a_large_file():
    handle = CountingFile(pdf_bytes() + b"\0" * (5 * MB))
    assert detect_file_kind(handle) == "pdf"
    assert handle.bytes_read <= 8 * 1024


def test_it_reads_only_the_directory_of_a_large_office_file():
    big = bytes(range(256)) * (5 * MB // 256)
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("word/media/image1.png", big, zipfile.ZIP_STORED)
    handle = CountingFile(buffer.getvalue())
    assert detect_file_kind(handle) == "docx"
    assert handle.bytes_read < 64 * 1024


def test_an_archive_of_very_many_entries_is_a_plain_zip_without_listing_them():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "wordprocessingml.document.main+xml")
        for number in range(5001):
            archive.writestr(zipfile.ZipInfo(str(number)), b"")
    handle = CountingFile(buffer.getvalue())
    assert detect_file_kind(handle) == "zip"
    assert handle.bytes_read < 16 * 1024


def test_an_office_file_with_damaged_parts_is_not_recognised():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "wordprocessingml.document.main+xml" * 50, zipfile.ZIP_DEFLATED)
    data = bytearray(buffer.getvalue())
    data[60:80] = b"\xff" * 20  # inside the compressed [Content_Types].xml
    assert detect_file_kind(io.BytesIO(bytes(data))) is None


def test_an_archive_with_a_comment_is_still_inspected():
    buffer = io.BytesIO(docx_bytes())
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.comment = "комментарий".encode() * 100
    assert detect_file_kind(io.BytesIO(buffer.getvalue())) == "docx"


# --- Names ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw, clean", [
    ("C:\\Users\\Иван\\Desktop\\Выписка ЕГРН.pdf", "Выписка ЕГРН.pdf"),
    ("../../etc/passwd", "passwd"),
    ("  ..hidden  file .pdf", "hidden file.pdf"),
    ('a<b>c:d"e|f?g*h.pdf', "abcdefgh.pdf"),
    ("line\nbreak\ttab\x00nul.pdf", "line break tabnul.pdf"),
    ("invoice\u202efdp.exe", "invoicefdp.exe"),
    ("Договор от 01.02.2026", "Договор от 01.02.2026"),
    ("Договор\u00a0 \u00a0№ 5.docx", "Договор № 5.docx"),
    ("и\u0306од.pdf", "йод.pdf"),
    ("???.pdf", "file.pdf"),
    ("", "file"),
    (None, "file"),
    ("...", "file"),
    ("CON.pdf", "CON_.pdf"),
    ("name. .", "name"),
    (".htaccess", "file.htaccess"),
])
def test_it_cleans_file_names(raw, clean):
    assert clean_filename(raw) == clean


def test_it_shortens_long_names_keeping_the_extension():
    name = clean_filename("a" * 300 + ".pdf")
    assert len(name) == 150 and name.endswith("a.pdf")


def test_it_keeps_cyrillic_names_within_what_file_systems_accept():
    name = clean_filename("ж" * 300 + ".docx")
    assert name.endswith("ж.docx") and len(name.encode()) <= 240


# --- Validation -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", SAMPLES)
def test_it_accepts_every_kind_and_reports_its_facts(kind):
    name, content = SAMPLES[kind]
    check = validate_upload(upload(name, content))
    assert check == UploadCheck(kind=kind, clean_name=name, size=len(content),
                                sha256=hashlib.sha256(content).hexdigest())


def test_it_checks_a_large_upload_that_django_spooled_to_disk():
    content = docx_bytes({"word/media/scan.png": b"\0" * (3 * MB)})
    uploaded = TemporaryUploadedFile("договор.docx", "application/octet-stream", len(content), None)
    uploaded.write(content)
    check = validate_upload(uploaded)
    assert (check.kind, check.size, check.sha256) == ("docx", len(content), hashlib.sha256(content).hexdigest())
    uploaded.close()


def test_it_leaves_the_file_ready_to_be_saved():
    uploaded = upload("заявление.pdf", pdf_bytes())
    validate_upload(uploaded)
    assert uploaded.tell() == 0 and uploaded.read() == pdf_bytes()


def test_it_accepts_any_of_the_kinds_extensions_in_any_case():
    assert validate_upload(upload("Фото.JPEG", image_bytes("JPEG"))).clean_name == "Фото.JPEG"
    assert validate_upload(upload("подпись.p7s", base64.b64encode(SIGNATURE_DER))).kind == "sig"


def test_it_adds_the_extension_when_the_name_has_none():
    assert validate_upload(upload("Договор от 01.02.2026", pdf_bytes())).clean_name == "Договор от 01.02.2026.pdf"


def test_it_adds_the_right_extension_to_a_foreign_one():
    assert validate_upload(upload("document.exe", pdf_bytes())).clean_name == "document.exe.pdf"


def test_it_refuses_an_empty_file():
    error = error_of(upload("пустой.pdf", b""))
    assert error.code == "file_empty"
    assert "“пустой.pdf” is empty" in error.messages[0]


def test_it_refuses_a_file_over_the_per_file_limit(settings):
    settings.UPLOAD_MAX_FILE_MB = 1
    error = error_of(upload("большой.pdf", pdf_bytes() + b"\0" * 2 * MB))
    assert error.code == "file_too_big"
    assert "“большой.pdf” is 2\xa0MB; a file may be at most 1\xa0MB." in error.messages[0]


def test_a_file_just_over_the_limit_is_not_said_to_be_at_the_limit(settings):
    settings.UPLOAD_MAX_FILE_MB = 1
    error = error_of(upload("большой.pdf", pdf_bytes() + b"\0" * MB))
    assert "is more than 1\xa0MB; a file may be at most 1\xa0MB." in error.messages[0]


def test_the_size_message_uses_russian_units_and_decimal_comma(settings):
    settings.UPLOAD_MAX_FILE_MB = 20
    with translation.override("ru"):
        error = error_of(upload("большой.pdf", pdf_bytes() + b"\0" * int(21.4 * MB)))
    assert "21,4\xa0МБ" in error.messages[0] and "20\xa0МБ" in error.messages[0]


def test_a_file_at_the_limit_is_accepted(settings):
    settings.UPLOAD_MAX_FILE_MB = 1
    content = pdf_bytes() + b"\0" * (MB - len(pdf_bytes()))
    assert validate_upload(upload("ровно.pdf", content)).size == MB


def test_it_refuses_a_file_that_would_exceed_the_application_total(settings):
    settings.UPLOAD_MAX_TOTAL_MB = 1
    error = error_of(upload("ещё.pdf", pdf_bytes()), already_stored_bytes=MB - 10)
    assert error.code == "total_too_big"
    assert "all documents together may take at most 1\xa0MB" in error.messages[0]


def test_the_total_counts_only_what_is_stored(settings):
    settings.UPLOAD_MAX_TOTAL_MB = 1
    assert validate_upload(upload("ещё.pdf", pdf_bytes()), already_stored_bytes=MB - len(pdf_bytes())).kind == "pdf"


def test_it_refuses_content_it_does_not_recognise_and_names_the_accepted_types():
    error = error_of(upload("readme.txt", b"just some text"))
    assert error.code == "file_type_unknown"
    assert "is not recognised" in error.messages[0]
    assert "PDF, JPEG, PNG, TIFF, DOC, DOCX, XLS, XLSX, ODT, ODS, ZIP, SIG/P7S" in error.messages[0]


def test_it_refuses_a_kind_the_caller_does_not_allow():
    error = error_of(upload("схема.png", image_bytes("PNG")), allowed_kinds=("pdf", "sig"))
    assert error.code == "file_type_not_allowed"
    assert "is PNG; this type is not accepted here. Accepted types: PDF, SIG/P7S." in error.messages[0]


def test_it_refuses_a_presentation_by_default():
    error = error_of(upload("слайды.pptx", pptx_bytes()))
    assert error.code == "file_type_not_allowed" and "is PPTX" in error.messages[0]


def test_it_refuses_a_password_protected_office_file_with_a_hint():
    error = error_of(upload("секрет.docx", ole_bytes("EncryptedPackage")))
    assert error.code == "file_type_not_allowed" and "protected with a password" in error.messages[0]


def test_it_refuses_a_png_named_pdf():
    error = error_of(upload("скан.pdf", image_bytes("PNG")))
    assert error.code == "extension_mismatch"
    assert "“скан.pdf” is named as PDF but is really PNG. Rename it to “скан.png”" in error.messages[0]


def test_it_refuses_a_word_file_named_as_excel():
    error = error_of(upload("расчёт.xls", ole_bytes("WordDocument")))
    assert error.code == "extension_mismatch" and "named as XLS but is really DOC" in error.messages[0]


def test_it_refuses_a_plain_zip_named_docx():
    error = error_of(upload("договор.docx", zip_bytes({"a.txt": "a"})))
    assert error.code == "extension_mismatch" and "really ZIP" in error.messages[0]


def test_the_message_shows_the_cleaned_name():
    error = error_of(upload("C:\\temp\\<скан>.pdf", b""))
    assert "“скан.pdf”" in error.messages[0]


# --- Helpers for forms and messages -------------------------------------------------------------------


def test_the_accept_attribute_lists_the_extensions_of_the_accepted_kinds():
    assert ACCEPT_ATTRIBUTE.startswith(".pdf,.jpg,.jpeg,.png,.tif,.tiff,")
    assert ".pptx" not in ACCEPT_ATTRIBUTE and ".p7s" in ACCEPT_ATTRIBUTE
    assert accept_attribute(("pdf", "sig")) == ".pdf,.sig,.p7s"
    assert all(kind in ALLOWED_EXTENSIONS for kind in ALL_KINDS)


@pytest.mark.parametrize("size, text", [
    (0, "0\xa0байт"), (1, "1\xa0байт"), (512, "512\xa0байт"), (1536, "1,5\xa0КБ"), (20 * MB, "20\xa0МБ"),
    (int(21.4 * MB), "21,4\xa0МБ"), (3 * 1024 * MB + 200 * MB, "3,2\xa0ГБ"),
])
def test_sizes_read_the_russian_way(size, text):
    with translation.override("ru"):
        assert human_size(size) == text
