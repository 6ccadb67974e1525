"""Checking a token ESIA returns (a JWT signed with GOST R 34.10-2012) before anything in it is trusted.

Header {"alg": "GOST3410_2012_256", "typ": "JWT", "sbt": "access", ...}; claims used:
urn:esia:sbj_id (the person's oid), client_id, iss, exp, nbf, iat, scope. The signature is the raw GOST
signature over "<header>.<claims>" in Base64URL, checked with ESIA's certificate (ESIA_VERIFY_CERTIFICATE)
through OpenSSL's GOST engine. Raises TokenRejected with the reason.
"""

import functools
import json
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from accounts.esia.signers import SignerError, b64url_decode, openssl

DIGEST_FOR_ALG = {"GOST3410_2012_256": "md_gost12_256", "GOST3410_2012_512": "md_gost12_512"}
LEEWAY_SECONDS = 60


class TokenRejected(ValueError):
    """reason: 'malformed', 'algorithm', 'signature', 'expired', 'not_yet_valid', 'audience'."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


@functools.lru_cache(maxsize=4)
def _public_key_file(cert_path, mtime):
    """ESIA's public key as a PEM file next to nothing else: OpenSSL's dgst -verify wants a key file."""
    pem = openssl("x509", "-in", cert_path, "-inform", "PEM" if b"-----BEGIN" in Path(cert_path).read_bytes()
                  else "DER", "-pubkey", "-noout")
    handle = tempfile.NamedTemporaryFile(prefix="esia-pub-", suffix=".pem", delete=False)
    handle.write(pem)
    handle.close()
    return handle.name


def esia_public_key_file():
    path = settings.ESIA_VERIFY_CERTIFICATE
    if not path or not Path(path).is_file():
        raise ImproperlyConfigured("ESIA_VERIFY_CERTIFICATE must name ESIA's certificate.")
    return _public_key_file(path, Path(path).stat().st_mtime)


def decode(token):
    """(header, claims, signed bytes, signature bytes) of a compact JWS; TokenRejected("malformed")."""
    try:
        header_b64, claims_b64, signature_b64 = token.split(".")
        header = json.loads(b64url_decode(header_b64))
        claims = json.loads(b64url_decode(claims_b64))
        signature = b64url_decode(signature_b64)
    except (ValueError, AttributeError) as exc:
        raise TokenRejected("malformed") from exc
    if not isinstance(header, dict) or not isinstance(claims, dict):
        raise TokenRejected("malformed")
    return header, claims, (f"{header_b64}.{claims_b64}").encode(), signature


def check_signature(digest, signed, signature, public_key=None):
    """Raises TokenRejected("signature") unless the key (ESIA's by default) made the signature."""
    with tempfile.NamedTemporaryFile(prefix="esia-sig-") as handle:
        handle.write(signature)
        handle.flush()
        try:
            openssl("dgst", "-" + digest, "-verify", public_key or esia_public_key_file(), "-signature", handle.name,
                    data=signed)
        except SignerError as exc:
            raise TokenRejected("signature") from exc


def verify_token(token, *, client_id, now=None):
    """The claims of a valid token issued to client_id; TokenRejected otherwise."""
    header, claims, signed, signature = decode(token)
    digest = DIGEST_FOR_ALG.get(header.get("alg"))
    if digest is None:
        raise TokenRejected("algorithm")
    check_signature(digest, signed, signature)
    now = time.time() if now is None else now
    try:
        expires, not_before = float(claims["exp"]), float(claims.get("nbf", 0))
    except (KeyError, TypeError, ValueError) as exc:
        raise TokenRejected("malformed") from exc
    if expires + LEEWAY_SECONDS < now:
        raise TokenRejected("expired")
    if not_before - LEEWAY_SECONDS > now:
        raise TokenRejected("not_yet_valid")
    if claims.get("client_id") != client_id:
        raise TokenRejected("audience")
    return claims
