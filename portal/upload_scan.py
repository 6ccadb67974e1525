"""Checks of an upload's insides, after its type is known (portal.uploads.validate_upload calls them).

- Archives: a ZIP (and an office document, which is one) must not unpack into more than
  UPLOAD_ZIP_MAX_MEMBERS entries or UPLOAD_ZIP_MAX_UNPACKED_MB, nor any entry be compressed more than
  ZIP_MAX_RATIO times (a zip bomb: 200 MB of zeros fit in 200 KB). The sizes the archive declares are a
  real bound: Python's zipfile never returns more than the declared size of an entry. A plain ZIP may
  hold only documents: no programs, scripts or web pages (by name and by content), no archives in the
  archive, nothing encrypted (it could not be checked).
- Viruses: when CLAMAV names a clamd (`tcp://host:3310` or `unix:///run/clamav/clamd.ctl`), every
  upload is streamed to it (INSTREAM) before it is stored. A file clamd cannot check now is refused
  with a request to try later: an unchecked file is never stored.
"""

import logging
import zipfile
import zlib
from urllib.parse import urlsplit

from clamav_client.clamd import ClamdError, ClamdNetworkSocket, ClamdUnixSocket
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

MB = 1024 * 1024
# Deflate packs at most ~1000:1; a white page kept as a bitmap in an office document may reach a few
# hundred, so only big entries packed past this ratio count as bombs (the unpacked limit bounds the rest).
ZIP_MAX_RATIO = 200
ZIP_RATIO_FROM_BYTES = 10 * MB
ZIP_KINDS = {"zip", "docx", "xlsx", "odt", "ods"}
MEMBER_HEAD_BYTES = 4096
# What a plain archive may hold: the document types the portal accepts, and plain text beside them.
MEMBER_EXTENSIONS = {"pdf", "jpg", "jpeg", "png", "tif", "tiff", "doc", "docx", "xls", "xlsx", "odt", "ods",
                     "sig", "p7s", "txt", "xml", "csv", "rtf"}
BAD_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, RuntimeError,
                  OSError, EOFError, ValueError)


def check_archive(fileobj, *, kind, name, detect_kind):
    """Raise ValidationError if the archive is a bomb or (plain ZIP) holds what may not be sent."""
    if kind not in ZIP_KINDS:
        return
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            entries = archive.infolist()
            _check_sizes(entries, name)
            if kind == "zip":
                _check_members(archive, entries, name, detect_kind)
    except BAD_ZIP_ERRORS:
        raise ValidationError(_("The archive “%(name)s” is damaged and cannot be opened.") % {"name": name},
                              code="archive_damaged") from None
    finally:
        fileobj.seek(0)


def _check_sizes(entries, name):
    limit = settings.UPLOAD_ZIP_MAX_MEMBERS
    if len(entries) > limit:
        raise ValidationError(_("The archive “%(name)s” holds %(count)d files; at most %(limit)d are accepted.")
                              % {"name": name, "count": len(entries), "limit": limit}, code="archive_too_many")
    unpacked = sum(entry.file_size for entry in entries)
    unpacked_limit = settings.UPLOAD_ZIP_MAX_UNPACKED_MB * MB
    if unpacked > unpacked_limit:
        raise ValidationError(_("The archive “%(name)s” unpacks to %(size)d MB; at most %(limit)d MB are accepted.")
                              % {"name": name, "size": unpacked // MB, "limit": unpacked_limit // MB},
                              code="archive_too_big")
    for entry in entries:
        if entry.file_size > ZIP_MAX_RATIO * max(entry.compress_size, 1) and entry.file_size > ZIP_RATIO_FROM_BYTES:
            raise ValidationError(_("The archive “%(name)s” is compressed suspiciously strongly (“%(member)s”); "
                                    "such archives are not accepted. Send the documents themselves.")
                                  % {"name": name, "member": entry.filename}, code="archive_bomb")


def _check_members(archive, entries, name, detect_file_kind):
    for entry in entries:
        if entry.is_dir():
            continue
        if entry.flag_bits & 0x1:
            raise ValidationError(_("The archive “%(name)s” is protected with a password and cannot be checked. "
                                    "Send it without a password.") % {"name": name}, code="archive_encrypted")
        extension = entry.filename.rsplit(".", 1)[-1].lower() if "." in entry.filename else ""
        with archive.open(entry) as member:
            head = member.read(MEMBER_HEAD_BYTES)
        if extension not in MEMBER_EXTENSIONS or _looks_executable(head, detect_file_kind):
            raise ValidationError(_("The archive “%(name)s” holds “%(member)s”, which may not be sent: an archive "
                                    "may hold only documents (PDF, images, office documents, signatures).")
                                  % {"name": name, "member": entry.filename}, code="archive_member_not_allowed")


def _looks_executable(head, detect_file_kind):
    import io

    return detect_file_kind(io.BytesIO(head)) in ("executable", "zip")


# --- ClamAV -------------------------------------------------------------------------------------------

def scan_for_viruses(fileobj, *, name):
    """Raise ValidationError if clamd finds something or cannot answer; nothing when CLAMAV is unset."""
    address = getattr(settings, "CLAMAV", "")
    if not address:
        return
    fileobj.seek(0)
    try:
        result = _clamd(address).instream(fileobj)
    except (ClamdError, OSError) as error:
        logger.warning("clamd at %s could not scan an upload: %s", address, error)
        raise ValidationError(_("The file “%(name)s” could not be checked for viruses just now. Send it again "
                                "in a few minutes.") % {"name": name}, code="virus_check_failed") from None
    finally:
        fileobj.seek(0)
    status, signature = next(iter(result.values()), ("ERROR", "no answer"))
    if status == "FOUND":
        logger.warning("clamd found %s in an upload", signature)
        raise ValidationError(_("A threat was found in the file “%(name)s” (%(signature)s); it was not accepted.")
                              % {"name": name, "signature": signature}, code="virus_found")
    if status != "OK":
        logger.warning("clamd answered %s %s", status, signature)
        raise ValidationError(_("The file “%(name)s” could not be checked for viruses just now. Send it again "
                                "in a few minutes.") % {"name": name}, code="virus_check_failed")


def _clamd(address):
    timeout = getattr(settings, "CLAMAV_TIMEOUT_SECONDS", 30)
    parts = urlsplit(address)
    if parts.scheme == "unix":
        return ClamdUnixSocket(path=parts.path, timeout=timeout)
    return ClamdNetworkSocket(host=parts.hostname or "127.0.0.1", port=parts.port or 3310, timeout=timeout)
