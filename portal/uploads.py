"""Checks for uploaded documents: the type by content, a clean name, the size limits, a digest.

Used by every app that accepts documents (applications, appeals). The browser's name and content type
are never trusted: the kind comes from the bytes (magic numbers, and for office formats the ZIP's or the
compound file's entries), and an extension that contradicts the content is refused.
"""

import base64
import binascii
import hashlib
import re
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.filesizes import GB, KB, MB, human_size  # noqa: F401 (sizes are this module's API too)
from portal.ole import ole_kind
from portal.upload_limits import refused_upload_error
from portal.upload_scan import check_archive, scan_for_viruses

HEAD_BYTES = 8 * KB
HASH_CHUNK = 256 * KB

# Kinds accepted by default, in the order they are named to users.
ALL_KINDS = ("pdf", "jpeg", "png", "tiff", "doc", "docx", "xls", "xlsx", "odt", "ods", "zip", "sig")
ALLOWED_EXTENSIONS = {
    "pdf": ("pdf",),
    "jpeg": ("jpg", "jpeg"),
    "png": ("png",),
    "tiff": ("tif", "tiff"),
    "doc": ("doc",),
    "xls": ("xls",),
    "docx": ("docx",),
    "xlsx": ("xlsx",),
    "odt": ("odt",),
    "ods": ("ods",),
    "zip": ("zip",),
    "sig": ("sig", "p7s"),
    # Recognised so that the message names them, never accepted by default.
    "pptx": ("pptx",),
    "odp": ("odp",),
    "ole": ("ppt", "msg"),
    # Programs and scripts, refused by their content whatever their name (a PDF named .exe gets ".pdf").
    "executable": (),
}
KIND_LABELS = {
    "pdf": "PDF", "jpeg": "JPEG", "png": "PNG", "tiff": "TIFF", "doc": "DOC", "xls": "XLS",
    "docx": "DOCX", "xlsx": "XLSX", "odt": "ODT", "ods": "ODS", "zip": "ZIP", "sig": "SIG/P7S",
    "pptx": "PPTX", "odp": "ODP",
    "ole": gettext_lazy("a Microsoft Office 97–2003 file of another kind or protected with a password"),
    "executable": gettext_lazy("a program or a script"),
}
EXTENSION_KINDS = {ext: kind for kind, exts in ALLOWED_EXTENSIONS.items() for ext in exts}


def accept_attribute(kinds=ALL_KINDS):
    """The value for <input type="file" accept="...">: a hint for the browser's dialog, not a check."""
    return ",".join(f".{ext}" for kind in kinds for ext in ALLOWED_EXTENSIONS[kind])


ACCEPT_ATTRIBUTE = accept_attribute()


# --- Detection by content -----------------------------------------------------------------------------

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TIFF_MAGICS = (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")  # classic and BigTIFF
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
SIGNED_DATA_OID = b"\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02"  # 1.2.840.113549.1.7.2
PEM_HEADERS = (b"-----BEGIN PKCS7-----", b"-----BEGIN CMS-----")
BASE64_TEXT = re.compile(rb"[A-Za-z0-9+/=\s]+")
OOXML_MAIN_TYPES = {
    b"wordprocessingml.document.main+xml": "docx",
    b"spreadsheetml.sheet.main+xml": "xlsx",
    b"presentationml.presentation.main+xml": "pptx",
}
ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
MAX_OFFICE_PARTS = 5000


def detect_file_kind(fileobj):
    """The kind of a seekable binary file by its content, or None; the position is restored."""
    position = fileobj.tell()
    try:
        fileobj.seek(0)
        head = fileobj.read(HEAD_BYTES)
        return _kind_from_head(head, fileobj)
    finally:
        fileobj.seek(position)


# Windows PE/DOS, ELF, Mach-O (both byte orders, 32/64 bit, universal), Android DEX, a script's "#!".
EXECUTABLE_MAGICS = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe",
                     b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"dex\n", b"#!")
# Markup a browser or Windows would run (HTML, HTA, SVG with scripts, PHP), found near the start.
SCRIPT_MARKUP = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|script|iframe|svg|object|embed|hta:)|<\?php",
                           re.IGNORECASE)


def _kind_from_head(head, fileobj):
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(EXECUTABLE_MAGICS) or (text.startswith(b"<") and SCRIPT_MARKUP.search(text[:1024])):
        return "executable"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(PNG_MAGIC):
        return "png"
    if head.startswith(TIFF_MAGICS):
        return "tiff"
    if head.startswith(OLE_MAGIC):
        return ole_kind(fileobj)
    if head.startswith(ZIP_MAGICS):
        return _zip_kind(fileobj)
    if _is_signed_data_der(head) or _is_signed_data_text(head):
        return "sig"
    # Readers accept a PDF header anywhere in the first kilobyte (some scanners prepend junk), but not
    # behind markup: an HTML page with "%PDF-" in it is still a page a browser runs.
    prefix, found, _rest = head[:1024].partition(b"%PDF-")
    if found:
        return "executable" if SCRIPT_MARKUP.search(prefix) else "pdf"
    return None


def _zip_kind(fileobj):
    entries = _zip_entry_count(fileobj)
    if entries is None:
        return None
    if entries > MAX_OFFICE_PARTS:
        # Listing a crafted archive of a million empty entries takes seconds and hundreds of MB, and no
        # office document has that many parts: it is a plain archive.
        return "zip"
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                kind = ODF_MIMETYPES.get(_read_member(archive, "mimetype", 200).strip())
                if kind:
                    return kind
            if "[Content_Types].xml" in names:
                types = _read_member(archive, "[Content_Types].xml", 256 * KB)
                for marker, kind in OOXML_MAIN_TYPES.items():
                    if marker in types:
                        return kind
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, RuntimeError, OSError,
            EOFError, ValueError):
        return None  # a damaged or encrypted archive is not a document we can accept
    return "zip"


def _zip_entry_count(fileobj):
    """The number of entries the end record declares (0xFFFF for ZIP64), or None if there is none."""
    fileobj.seek(0, 2)
    size = fileobj.tell()
    for tail_length in (22, 22 + 65535):  # without, then with an archive comment
        fileobj.seek(max(0, size - tail_length))
        tail = fileobj.read(tail_length)
        at = tail.rfind(b"PK\x05\x06")
        if at >= 0 and len(tail) >= at + 22:
            return struct.unpack_from("<H", tail, at + 10)[0]
    return None


def _read_member(archive, name, limit):
    with archive.open(name) as member:
        return member.read(limit)


def _is_signed_data_der(data):
    """A CMS ContentInfo: SEQUENCE (definite or BER indefinite length) whose first element is signedData."""
    if len(data) < 2 or data[0] != 0x30:
        return False
    first = data[1]
    if first == 0x80 or first < 0x80:
        offset = 2
    else:
        offset = 2 + (first & 0x7F)
        if first & 0x7F > 4:
            return False
    return data[offset:offset + len(SIGNED_DATA_OID)] == SIGNED_DATA_OID


def _is_signed_data_text(head):
    """PEM with a PKCS7/CMS header, or bare base64 of the DER (what the CryptoPro plug-in returns)."""
    text = head.lstrip(b"\xef\xbb\xbf").strip()
    if text.startswith(PEM_HEADERS):
        text = text.split(b"\n", 1)[1] if b"\n" in text else b""
        text = text.split(b"-----", 1)[0]
    elif not text or not BASE64_TEXT.fullmatch(text[:1024]):
        return False
    letters = re.sub(rb"\s+", b"", text[:1024])
    try:
        der = base64.b64decode(letters[:len(letters) // 4 * 4], validate=True)
    except (binascii.Error, ValueError):
        return False
    return _is_signed_data_der(der)


# --- Names --------------------------------------------------------------------------------------------

RESERVED_CHARACTERS = re.compile(r'[<>:"/\\|?*]')
WINDOWS_DEVICE_NAMES = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)),
                        *(f"lpt{n}" for n in range(1, 10))}
MAX_NAME_CHARS = 150
# Most file systems cap a name at 255 bytes; 150 Cyrillic letters are 300 bytes in UTF-8, and an unzip
# tool must still be able to add " (2)" to a duplicate.
MAX_NAME_BYTES = 240


def clean_filename(name):
    """A safe display and download name: no path, no control or reserved characters, Cyrillic kept."""
    name = unicodedata.normalize("NFC", str(name or ""))  # macOS sends "й" as "и" + a combining breve
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(" " if char.isspace() else char for char in name
                   if char.isspace() or not unicodedata.category(char).startswith("C"))
    name = RESERVED_CHARACTERS.sub("", name)
    name = re.sub(r" +", " ", name).strip(" ").rstrip(".")  # Windows drops trailing dots and spaces
    stem, extension = split_extension(name)
    stem = stem.strip(" .")
    if stem.lower() in WINDOWS_DEVICE_NAMES:
        stem += "_"
    return _shorten(stem or "file", extension)


def split_extension(name):
    """("Договор от 01.02.2026", "") and ("скан", "pdf"): an extension has a letter and at most 10 ASCII characters."""
    stem, dot, extension = name.rpartition(".")
    if dot and re.fullmatch(r"[A-Za-z0-9]{0,9}[A-Za-z][A-Za-z0-9]{0,9}", extension) and len(extension) <= 10:
        return stem, extension
    return name, ""


def _shorten(stem, extension):
    suffix = f".{extension}" if extension else ""
    stem = stem[:MAX_NAME_CHARS - len(suffix)]
    while len((stem + suffix).encode()) > MAX_NAME_BYTES:
        stem = stem[:-1]
    return stem.rstrip(" .") + suffix


# --- Sizes --------------------------------------------------------------------------------------------

# --- Validation ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class UploadCheck:
    kind: str
    clean_name: str
    size: int
    sha256: str


def validate_upload(uploaded_file, *, allowed_kinds=ALL_KINDS, already_stored_bytes=0):
    """Check one uploaded file; raise ValidationError with a message for people, or return its facts.

    Nothing is stored or changed here, so a refused file leaves the draft as it was.
    """
    if getattr(uploaded_file, "reason", None) == "too_many":  # portal.upload_limits dropped its bytes
        raise ValidationError(refused_upload_error(uploaded_file), code="too_many_files")
    name = clean_filename(getattr(uploaded_file, "name", ""))
    size = _file_size(uploaded_file)
    _check_size(name, size, already_stored_bytes)
    kind = detect_file_kind(uploaded_file)
    _check_kind(name, kind, allowed_kinds)
    name = _check_extension(name, kind)
    check_archive(uploaded_file, kind=kind, name=name, detect_kind=detect_file_kind)
    scan_for_viruses(uploaded_file, name=name)
    return UploadCheck(kind=kind, clean_name=name, size=size, sha256=_sha256(uploaded_file))


def _file_size(fileobj):
    size = getattr(fileobj, "size", None)
    if size is None:
        position = fileobj.tell()
        fileobj.seek(0, 2)
        size = fileobj.tell()
        fileobj.seek(position)
    return size


def _check_size(name, size, already_stored_bytes):
    if not size:
        raise ValidationError(_("The file “%(name)s” is empty. Choose the file again; a scan must be saved "
                                "before it is attached.") % {"name": name}, code="file_empty")
    file_limit = settings.UPLOAD_MAX_FILE_MB * MB
    if size > file_limit:
        size_text, limit_text = human_size(size), human_size(file_limit)
        if size_text == limit_text:  # just over: "is 20 MB; at most 20 MB" would read as a bug
            size_text = _("more than %(limit)s") % {"limit": limit_text}
        raise ValidationError(_("The file “%(name)s” is %(size)s; a file may be at most %(limit)s.") % {
            "name": name, "size": size_text, "limit": limit_text}, code="file_too_big")
    total_limit = settings.UPLOAD_MAX_TOTAL_MB * MB
    if already_stored_bytes + size > total_limit:
        raise ValidationError(_(
            "With the file “%(name)s” (%(size)s) the documents would take %(total)s; all documents together "
            "may take at most %(limit)s. Remove documents that are not needed or reduce the scans."
        ) % {"name": name, "size": human_size(size), "total": human_size(already_stored_bytes + size),
             "limit": human_size(total_limit)}, code="total_too_big")


def allowed_kinds_text(kinds):
    return ", ".join(str(KIND_LABELS[kind]) for kind in kinds)


def _check_kind(name, kind, allowed_kinds):
    if kind is None:
        raise ValidationError(_("The type of the file “%(name)s” is not recognised. Accepted types: %(allowed)s.")
                              % {"name": name, "allowed": allowed_kinds_text(allowed_kinds)},
                              code="file_type_unknown")
    if kind not in allowed_kinds:
        raise ValidationError(_("The file “%(name)s” is %(kind)s; this type is not accepted here. "
                                "Accepted types: %(allowed)s.")
                              % {"name": name, "kind": KIND_LABELS[kind], "allowed": allowed_kinds_text(allowed_kinds)},
                              code="file_type_not_allowed")


def _check_extension(name, kind):
    """Refuse an extension of another known type; add the right one when there is none or it is foreign."""
    stem, extension = split_extension(name)
    extension = extension.lower()
    if extension in ALLOWED_EXTENSIONS[kind]:
        return name
    proper = ALLOWED_EXTENSIONS[kind][0]
    claimed = EXTENSION_KINDS.get(extension)
    if claimed:
        raise ValidationError(_("The file “%(name)s” is named as %(claimed)s but is really %(kind)s. "
                                "Rename it to “%(suggested)s” or choose the right file.")
                              % {"name": name, "claimed": KIND_LABELS[claimed], "kind": KIND_LABELS[kind],
                                 "suggested": _shorten(stem, proper)},
                              code="extension_mismatch")
    return _shorten(name, proper)


def _sha256(fileobj):
    digest = hashlib.sha256()
    if hasattr(fileobj, "chunks"):
        chunks = fileobj.chunks(HASH_CHUNK)  # Django's UploadedFile: rewinds first
    else:
        fileobj.seek(0)
        chunks = iter(lambda: fileobj.read(HASH_CHUNK), b"")
    for chunk in chunks:
        digest.update(chunk)
    fileobj.seek(0)
    return digest.hexdigest()
