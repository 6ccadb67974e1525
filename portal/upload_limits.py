"""Request bodies bounded before they are read: a Content-Length check and an upload handler.

Django writes every uploaded file to the temporary directory in full before any form sees it, so a
2 GB POST (even to the login page) used to cost 2 GB of disk first. Here:

- `RequestSizeLimitMiddleware` (first in MIDDLEWARE) refuses, unread, a body larger than the largest
  request any form accepts (`max_request_bytes()`: every file of an application at its total limit,
  plus room for the typed fields), with a Russian page (413);
- `UploadLimitHandler` (first in FILE_UPLOAD_HANDLERS) passes a file's bytes on to Django's handlers
  only up to the per-file limit and only for the first UPLOAD_MAX_FILES files; the rest is read and
  dropped. In their place the form receives a `RefusedUpload` that says how big the file was, so the
  form's own message ("a file may be at most 20 MB", "at most 20 files") is shown, and the text typed
  in the other fields is kept. Past the request limit it stops reading altogether.
"""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.filesizes import MB, human_size

FORM_FIELDS_BYTES = 10 * MB  # the typed fields and multipart headers around the files


def max_file_bytes():
    return settings.UPLOAD_MAX_FILE_MB * MB


def max_request_bytes():
    return settings.UPLOAD_MAX_TOTAL_MB * MB + FORM_FIELDS_BYTES


def max_files():
    return settings.UPLOAD_MAX_FILES


class RefusedUpload(UploadedFile):
    """Stands in for a file whose bytes were dropped: `size` is what was sent, the content is empty.

    `reason` is "too_big" (validate_upload's size check explains it) or "too_many" (the multi-file
    fields' count check does)."""

    def __init__(self, *, name, content_type, size, reason):
        super().__init__(file=io.BytesIO(b""), name=name, content_type=content_type, size=size, charset=None)
        self.reason = reason


class UploadLimitHandler(FileUploadHandler):
    """The gate in front of Django's memory and temporary-file handlers (see the module doc)."""

    def __init__(self, request=None):
        super().__init__(request)
        self.files_seen = 0
        self.request_bytes = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.files_seen += 1
        self.file_bytes = 0
        self.refusal = "too_many" if self.files_seen > max_files() else None

    def receive_data_chunk(self, raw_data, start):
        self.file_bytes += len(raw_data)
        self.request_bytes += len(raw_data)
        if self.request_bytes > max_request_bytes():
            raise StopUpload(connection_reset=True)
        if self.refusal is None and self.file_bytes > max_file_bytes():
            self.refusal = "too_big"
        return None if self.refusal else raw_data  # None: later handlers never see the bytes

    def file_complete(self, file_size):
        if self.refusal is None:
            return None  # Django's handlers made the file
        return RefusedUpload(name=self.file_name, content_type=self.content_type, size=self.file_bytes,
                             reason=self.refusal)


class RequestSizeLimitMiddleware:
    """Refuses a body over `max_request_bytes()` by its Content-Length, before anything reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > max_request_bytes():
            return request_too_large(request, length)
        return self.get_response(request)


def request_too_large(request, length):
    """The body stays unread; a WSGI server drains or drops it (gunicorn closes the connection)."""
    context = {"size": human_size(length), "limit": human_size(settings.UPLOAD_MAX_TOTAL_MB * MB),
               "file_limit": human_size(max_file_bytes())}
    return render(request, "413.html", context, status=413)


def check_file_count(files):
    """For every multi-file field: more files than UPLOAD_MAX_FILES are refused with their count."""
    if len(files) > max_files():
        raise ValidationError(ngettext(
            "%(count)d file was chosen; at most %(limit)d files can be attached at once. Attach the rest "
            "in a second message or put them into one ZIP archive.",
            "%(count)d files were chosen; at most %(limit)d files can be attached at once. Attach the rest "
            "in a second message or put them into one ZIP archive.",
            len(files)) % {"count": len(files), "limit": max_files()}, code="too_many_files")


def refused_upload_error(uploaded_file):
    """The message for a RefusedUpload that reached a single-file check, else None."""
    if getattr(uploaded_file, "reason", None) == "too_many":
        return _("The file “%(name)s” was not received: at most %(limit)d files can be sent at once.") % {
            "name": uploaded_file.name, "limit": max_files()}
    return None
