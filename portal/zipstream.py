"""A ZIP archive written as a stream of chunks, in constant memory, for "download all documents".

Python's zipfile writes to a sink that cannot seek by putting each entry's CRC and sizes in a data
descriptor after its data; the sink here is a small buffer the generator empties as it goes, so memory
stays at about one chunk whatever the archive's size. ZIP64 records are written when an entry, an
offset or the number of entries needs them.
"""

import os
import re
import time
import unicodedata
import zipfile
from urllib.parse import quote

from django.http import StreamingHttpResponse

CHUNK_SIZE = 64 * 1024
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a ZIP entry can carry


class _Sink:
    """A write-only file for zipfile; what was written is taken out with drain()."""

    def __init__(self):
        self._parts, self.buffered, self.written = [], 0, 0

    def write(self, data):
        self._parts.append(bytes(data))
        self.buffered += len(data)
        self.written += len(data)
        return len(data)

    def flush(self):
        pass

    def drain(self):
        data = b"".join(self._parts)
        self._parts, self.buffered = [], 0
        return data


def stream_zip(entries, *, compression=zipfile.ZIP_DEFLATED, compresslevel=1, chunk_size=CHUNK_SIZE):
    """Yield the bytes of a ZIP holding `entries`: (arcname, source) pairs, read lazily one at a time.

    A source is a callable returning a binary file (opened when its turn comes and closed after; pass
    `field_file.open` for a Django FileField), a path, or an open binary file (read from its current
    position and left open). Duplicate names get " (2)", " (3)"... Deflate level 1 by default: scans
    and PDFs hardly shrink, and a streamed STORED entry with a data descriptor trips some unzip tools.
    """
    sink, names = _Sink(), _UniqueNames()
    with zipfile.ZipFile(sink, "w", compression=compression, compresslevel=compresslevel,
                         allowZip64=True) as archive:
        for arcname, source in entries:
            with _OpenedSource(source) as (handle, info, size_unknown):
                info.filename = names.take(arcname)
                _set_compression(info, compression, compresslevel)
                with archive.open(info, "w", force_zip64=size_unknown) as target:
                    while chunk := handle.read(chunk_size):
                        target.write(chunk)
                        if sink.buffered >= chunk_size:
                            yield sink.drain()
    # Closing the archive wrote the central directory into the sink.
    if sink.buffered:
        yield sink.drain()


def _set_compression(info, compression, compresslevel):
    info.compress_type = compression
    # The attribute is private up to Python 3.12 and public from 3.13.
    if hasattr(zipfile.ZipInfo, "compress_level"):
        info.compress_level = compresslevel
    else:
        info._compresslevel = compresslevel


class _OpenedSource:
    """Context manager giving (readable file, ZipInfo with date and size, whether the size is unknown)."""

    def __init__(self, source):
        self.source, self.owned = source, True

    def __enter__(self):
        source = self.source
        if isinstance(source, (str, os.PathLike)):
            handle = open(source, "rb")
        elif callable(source) and not hasattr(source, "read"):
            handle = source()
        else:
            handle, self.owned = source, False
        self.handle = handle
        size, mtime = _size_and_mtime(handle)
        return handle, _zip_info(size, mtime), size is None

    def __exit__(self, *exc_info):
        if self.owned:
            self.handle.close()


def _zip_info(size, mtime):
    stamp = time.localtime(mtime if mtime is not None else time.time())[:6]
    info = zipfile.ZipInfo("placeholder", date_time=max(stamp, ZIP_EPOCH))
    info.external_attr = 0o644 << 16
    # zipfile picks ZIP64 headers from the expected size (an unknown size forces them, see the caller).
    info.file_size = size or 0
    return info


def _size_and_mtime(handle):
    try:
        stat = os.fstat(handle.fileno())
        remaining = stat.st_size - handle.tell()
        return max(remaining, 0), stat.st_mtime
    except (AttributeError, OSError, ValueError):
        pass
    size = getattr(handle, "size", None)  # Django's File and FieldFile (also on S3)
    if isinstance(size, int):
        return size, None
    return None, None


class _UniqueNames:
    """Names as an unzip tool would create them: safe relative paths, unique ignoring case."""

    def __init__(self):
        self.taken = set()

    def take(self, arcname):
        name = safe_arcname(arcname)
        stem, extension = _split(name)
        candidate, number = name, 1
        while candidate.casefold() in self.taken:
            number += 1
            candidate = f"{stem} ({number}){extension}"
        self.taken.add(candidate.casefold())
        return candidate


def _split(name):
    folder, _sep, base = name.rpartition("/")
    stem, dot, extension = base.rpartition(".")
    if not dot or not stem:
        stem, extension = base, ""
    else:
        extension = "." + extension
    return (f"{folder}/{stem}" if folder else stem), extension


def safe_arcname(arcname):
    """No absolute paths, no "..", no control characters: a name that extracts where it should."""
    text = unicodedata.normalize("NFC", str(arcname)).replace("\\", "/")
    text = "".join(char for char in text if not unicodedata.category(char).startswith("C"))
    text = re.sub(r'[<>:"|?*]', "", text)  # Windows cannot create these (and "C:" would be a drive)
    parts = [part.strip() for part in text.split("/")]
    parts = [part for part in parts if part and part not in (".", "..")]
    return "/".join(parts) or "file"


# --- HTTP ---------------------------------------------------------------------------------------------

TRANSLIT = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t",
     "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"],
    strict=True,
))


def ascii_filename(filename):
    """A Latin fallback for old clients: Russian transliterated, anything else unsafe dropped."""
    letters = []
    for char in filename:
        latin = TRANSLIT.get(char.lower())
        if latin is not None:
            letters.append(latin.capitalize() if char.isupper() else latin)
        else:
            letters.append(char)
    text = unicodedata.normalize("NFKD", "".join(letters)).encode("ascii", "ignore").decode()
    text = re.sub(r'[\x00-\x1f\x7f"\\;]', "", text).replace("/", "_").strip()
    return text or "download"


def content_disposition(filename, *, attachment=True):
    """RFC 6266 header value: an ASCII fallback and the real name in RFC 5987 form (filename*=UTF-8'')."""
    disposition = "attachment" if attachment else "inline"
    fallback = ascii_filename(filename)
    if fallback == filename:
        return f'{disposition}; filename="{filename}"'
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def zip_response(entries, filename, **options):
    """A streamed download of `entries` (see stream_zip) as `filename`; no Content-Length, it is not known."""
    response = StreamingHttpResponse(stream_zip(entries, **options), content_type="application/zip")
    response["Content-Disposition"] = content_disposition(filename)
    # Let nginx pass the chunks on at once instead of spooling the whole archive to its disk first.
    response["X-Accel-Buffering"] = "no"
    return response
