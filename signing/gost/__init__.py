"""GOST primitives: Streebog and GOST R 34.11-94 hashing (native through OpenSSL's GOST provider, with a
pure-Python fallback) and GOST R 34.10-2001/2012 signature verification."""

from .curves import CURVES_BY_OID, PARAMSET_NAMES, Curve
from .gost3410 import InvalidKey, decode_public_key, verify
from .hashes import DIGEST_SIZES, UnknownDigest, digest_stream, is_native, new, new_pure

__all__ = [
    "CURVES_BY_OID", "PARAMSET_NAMES", "Curve", "InvalidKey", "decode_public_key", "verify",
    "DIGEST_SIZES", "UnknownDigest", "digest_stream", "is_native", "new", "new_pure",
]
