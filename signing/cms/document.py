"""The signed document as a stream: a path, bytes, or a binary file object, hashed in one pass."""

import io
from pathlib import Path

from .. import gost

CHUNK_SIZE = 1 << 20


class _Source:
    def __init__(self, document):
        self.document = document
        self.opened = None

    def __enter__(self):
        document = self.document
        if isinstance(document, (str, Path)):
            self.opened = open(document, "rb")
            return self.opened
        if isinstance(document, (bytes, bytearray, memoryview)):
            return io.BytesIO(document)
        if hasattr(document, "seek"):
            try:
                document.seek(0)
            except (OSError, ValueError):
                pass  # a pipe: read from where it is
        return document

    def __exit__(self, *exc):
        if self.opened is not None:
            self.opened.close()


def _chunks(stream):
    """Fixed-size chunks, reusing one buffer when the stream supports readinto."""
    if hasattr(stream, "readinto"):
        buffer = bytearray(CHUNK_SIZE)
        view = memoryview(buffer)
        while count := stream.readinto(buffer):
            yield view[:count]
        return
    while chunk := stream.read(CHUNK_SIZE):
        yield chunk


def digest_document(document, digest_names):
    """{digest name: digest} for every requested algorithm, reading the document once."""
    hashers = {name: gost.new(name) for name in set(digest_names)}
    with _Source(document) as stream:
        for chunk in _chunks(stream):
            for hasher in hashers.values():
                hasher.update(chunk)
    return {name: hasher.digest() for name, hasher in hashers.items()}
