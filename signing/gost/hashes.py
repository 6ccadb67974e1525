"""One entry point for every digest a signature may use: `new(name)` gives a hashlib-like object.

GOST digests run natively through OpenSSL's GOST provider when it is there (see native.py), else in
pure Python; SHA-1/SHA-2 come from hashlib. Names are ours and stable; OIDs map to them in oids.py.
"""

import hashlib

from . import native
from .gost94 import Gost94
from .streebog import Streebog

GOST_DIGESTS = ("streebog256", "streebog512", "gostr3411_94")
STANDARD_DIGESTS = ("sha1", "sha224", "sha256", "sha384", "sha512", "sha3_224", "sha3_256", "sha3_384", "sha3_512")
DIGEST_SIZES = {
    "streebog256": 32, "streebog512": 64, "gostr3411_94": 32,
    "sha1": 20, "sha224": 28, "sha256": 32, "sha384": 48, "sha512": 64,
    "sha3_224": 28, "sha3_256": 32, "sha3_384": 48, "sha3_512": 64,
}


class UnknownDigest(ValueError):
    pass


def new_pure(name, data=b""):
    """The pure-Python implementation, whatever the provider says (tests compare both)."""
    if name == "streebog256":
        return Streebog(32, data)
    if name == "streebog512":
        return Streebog(64, data)
    if name == "gostr3411_94":
        return Gost94(data)
    raise UnknownDigest(name)


def new(name, data=b""):
    if name in STANDARD_DIGESTS:
        return hashlib.new(name, data)
    if name not in GOST_DIGESTS:
        raise UnknownDigest(name)
    hasher = native.new_native(name)
    if hasher is None:
        return new_pure(name, data)
    if data:
        hasher.update(data)
    return hasher


def is_native(name):
    return name in STANDARD_DIGESTS or name in native.available_digests()


def digest_stream(name, stream, chunk_size=1 << 20):
    """Hash a binary file object in fixed-size chunks: memory stays flat whatever the file size."""
    hasher = new(name)
    buffer = bytearray(chunk_size)
    view = memoryview(buffer)
    while True:
        count = stream.readinto(buffer)
        if not count:
            break
        hasher.update(view[:count])
    return hasher.digest()
