"""Where uploads live, and the only way they are served: through the portal's permission checks.

Local files (the embedded default, `MEDIA_ROOT`) or a private S3 bucket (django-storages, when
`S3_BUCKET` is set). Neither is ever published: `url()` of both storages is the portal's own
`/files/<name>` view (portal.files), which finds the row the file belongs to among those the user may
see, and then streams the file or (S3_DOWNLOADS=redirect) redirects to a presigned URL valid for
S3_PRESIGNED_SECONDS. That also makes the admin's file links permission-checked.

`open_stream()` reads a stored file from S3 as it arrives (constant memory, for downloads, ZIPs and
signature checks); django-storages' own `open()` first copies the whole object into a temporary file.
"""

from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, HttpResponseRedirect
from django.urls import reverse
from storages.backends.s3 import S3Storage
from storages.utils import clean_name


def _portal_url(name):
    return reverse("stored_file", kwargs={"name": name})


class PrivateFileSystemStorage(FileSystemStorage):
    """Local files, never under a public URL (nothing serves MEDIA_ROOT)."""

    def url(self, name):
        return _portal_url(name)


class PrivateS3Storage(S3Storage):
    """A private bucket: objects without ACLs, reached through the portal or a short presigned URL."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        return _portal_url(name)

    def presigned_url(self, name, *, filename, as_attachment=True):
        disposition = "attachment" if as_attachment else "inline"
        parameters = {"ResponseContentDisposition": f"{disposition}; filename*=UTF-8''{quote(filename)}"}
        return super().url(name, parameters=parameters, expire=settings.S3_PRESIGNED_SECONDS)

    def open_stream(self, name):
        """The object's body as a file-like object that reads from the network in chunks."""
        return self.bucket.Object(self._normalize_name(clean_name(name))).get()["Body"]


def is_s3(storage=None):
    return isinstance(storage or default_storage, S3Storage)


def open_stream(field_file):
    """A binary file-like object for reading a stored file from the start, in constant memory."""
    storage = field_file.storage
    if isinstance(storage, PrivateS3Storage):
        return storage.open_stream(field_file.name)
    return field_file.open("rb")


def file_response(field_file, *, filename, size=None, as_attachment=True):
    """The answer of every file download view: a stream, or a redirect to a presigned URL."""
    storage = field_file.storage
    if isinstance(storage, PrivateS3Storage) and settings.S3_DOWNLOADS == "redirect":
        response = HttpResponseRedirect(storage.presigned_url(field_file.name, filename=filename,
                                                              as_attachment=as_attachment))
        response["Cache-Control"] = "no-store"
        return response
    response = FileResponse(open_stream(field_file), as_attachment=as_attachment, filename=filename)
    if size is not None and not response.has_header("Content-Length"):
        response["Content-Length"] = str(size)
    return response
