"""Native GOST digests: load the GOST provider (Debian's libengine-gost-openssl) into this process's OpenSSL.

Python's hashlib fetches digests by name from OpenSSL 3's default library context, so once the
`gostprov` provider is loaded there, `hashlib.new("md_gost12_256")` runs the provider's C code at
OpenSSL speed and releases the GIL on large updates. The engine API (`-engine gost`) is invisible to
EVP_MD_fetch, which is why the provider is used instead. Every native digest is checked against a
known answer once, so a broken or mismatched library can never produce a wrong verdict: we fall back.
"""

import ctypes
import functools
import hashlib
import logging
import os

logger = logging.getLogger(__name__)

# Our name -> the provider's name.
OPENSSL_NAMES = {
    "streebog256": "md_gost12_256",
    "streebog512": "md_gost12_512",
    "gostr3411_94": "md_gost94",
}

# Known answers (RFC 6986 example 1 and the CryptoPro "abc" vector) that each native digest must give.
_SELF_TEST_MESSAGE = {
    "streebog256": b"012345678901234567890123456789012345678901234567890123456789012",
    "streebog512": b"012345678901234567890123456789012345678901234567890123456789012",
    "gostr3411_94": b"abc",
}
_SELF_TEST_DIGEST = {
    "streebog256": "9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500",
    "streebog512": "1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa"
                   "00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48",
    "gostr3411_94": "b285056dbf18d7392d7677369524dd14747459ed8143997e163b2986f92fd42c",
}

# Setting SIGNING_GOST_NATIVE=0 forces the pure-Python code (tests use it to cover the fallback).
_DISABLE_ENV = "SIGNING_GOST_NATIVE"


def _hashlib_libcrypto():
    """The libcrypto that _hashlib is linked against (same soname as the ssl module reports)."""
    for soname in ("libcrypto.so.3", "libcrypto.so"):
        try:
            return ctypes.CDLL(soname)
        except OSError:
            continue
    return None


def _load_provider(lib):
    lib.OSSL_PROVIDER_load.restype = ctypes.c_void_p
    lib.OSSL_PROVIDER_load.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    # Loading any provider explicitly stops OpenSSL from auto-loading "default", so load it first.
    if not lib.OSSL_PROVIDER_load(None, b"default"):
        return False
    module = os.environ.get("SIGNING_GOST_PROVIDER", "gostprov").encode()
    return bool(lib.OSSL_PROVIDER_load(None, module))


def _passes_self_test(name):
    try:
        digest = hashlib.new(OPENSSL_NAMES[name], _SELF_TEST_MESSAGE[name]).hexdigest()
    except ValueError:
        return False
    return digest == _SELF_TEST_DIGEST[name]


@functools.cache
def available_digests():
    """Names (ours) of the GOST digests hashlib can compute natively; empty when the provider is absent."""
    if os.environ.get(_DISABLE_ENV) == "0":
        return frozenset()
    lib = _hashlib_libcrypto()
    try:
        loaded = lib is not None and _load_provider(lib)
    except AttributeError:  # an OpenSSL 1.1 libcrypto has no providers
        loaded = False
    if not loaded:
        logger.warning("OpenSSL GOST provider not available; GOST hashing falls back to pure Python")
    working = frozenset(name for name in OPENSSL_NAMES if _passes_self_test(name))
    if loaded and working != frozenset(OPENSSL_NAMES):
        logger.warning("GOST provider digests failing their self-test: %s", set(OPENSSL_NAMES) - working)
    return working


def new_native(name):
    """A hashlib object for one of OPENSSL_NAMES' keys, or None when it is not available natively."""
    if name not in available_digests():
        return None
    return hashlib.new(OPENSSL_NAMES[name])
