"""Who signs ESIA's client_secret: OpenSSL's GOST engine with a key file (default) or a remote service.

ESIA's methodical recommendations (v3.x, «Получение авторизационного кода (v2/ac)» and «маркера
доступа (v3/te)»): client_secret is the portal's GOST R 34.10-2012 signature (Streebog-256 digest) of
the concatenated request parameters, encoded Base64URL; client_certificate_hash names the certificate
that checks it. `Signer.sign(data: bytes) -> bytes` returns the raw signature (64 bytes for 256-bit keys).
"""

import base64
import functools
import subprocess
from pathlib import Path

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from signing import gost


class SignerError(RuntimeError):
    """The signature could not be made (no key, engine failure, signing service down)."""


def openssl(*args, data=None):
    """`openssl <command> -engine gost ...`; returns stdout, raises SignerError with stderr."""
    command = ["openssl", args[0], "-engine", "gost", *map(str, args[1:])]
    try:
        result = subprocess.run(command, input=data, capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SignerError(str(exc)) from exc
    if result.returncode != 0:
        raise SignerError(result.stderr.decode(errors="replace").strip())
    return result.stdout


def read_der_certificate(path) -> bytes:
    """A certificate file in PEM or DER as DER bytes."""
    data = Path(path).read_bytes()
    if b"-----BEGIN" not in data:
        return data
    body = data.split(b"-----BEGIN CERTIFICATE-----", 1)[1].split(b"-----END", 1)[0]
    return base64.b64decode(b"".join(body.split()))


def certificate_hash(der: bytes) -> str:
    """client_certificate_hash: hex Streebog-256 of the DER certificate (upper case, as ESIA's tool prints)."""
    return gost.new("streebog256", der).hexdigest().upper()


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class OpenSSLSigner:
    """Signs with a PEM GOST key file through OpenSSL's GOST engine (libengine-gost-openssl)."""

    def __init__(self, key_path, digest="md_gost12_256"):
        if not key_path or not Path(key_path).is_file():
            raise ImproperlyConfigured("ESIA_PRIVATE_KEY must name the portal's GOST key file.")
        self.key_path = key_path
        self.digest = digest

    def sign(self, data: bytes) -> bytes:
        return openssl("dgst", "-" + self.digest, "-sign", self.key_path, data=data)


class RemoteSigner:
    """A CryptoPro DSS style service for keys kept in CryptoPro containers.

    POST {url} JSON {"data": base64(data), "algorithm": "GOST R 34.10-2012 256"} with a Bearer token;
    the answer is JSON {"signature": base64(raw signature)}.
    """

    def __init__(self, url, token="", timeout=15):
        if not url:
            raise ImproperlyConfigured("ESIA_REMOTE_SIGNER_URL must be set for ESIA_SIGNER=remote.")
        self.url, self.token, self.timeout = url, token, timeout

    def sign(self, data: bytes) -> bytes:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        body = {"data": base64.b64encode(data).decode(), "algorithm": "GOST R 34.10-2012 256"}
        try:
            response = requests.post(self.url, json=body, headers=headers, timeout=self.timeout)
            response.raise_for_status()
            return base64.b64decode(response.json()["signature"])
        except (requests.RequestException, ValueError, KeyError, TypeError) as exc:
            raise SignerError(f"signing service: {exc}") from exc


def get_signer():
    if settings.ESIA_SIGNER == "remote":
        return RemoteSigner(settings.ESIA_REMOTE_SIGNER_URL, settings.ESIA_REMOTE_SIGNER_TOKEN,
                            settings.ESIA_TIMEOUT_SECONDS)
    return OpenSSLSigner(settings.ESIA_PRIVATE_KEY)


@functools.lru_cache(maxsize=8)
def _hash_of(path, mtime):
    return certificate_hash(read_der_certificate(path))


def client_certificate_hash() -> str:
    path = settings.ESIA_CERTIFICATE
    if not path or not Path(path).is_file():
        raise ImproperlyConfigured("ESIA_CERTIFICATE must name the portal's certificate registered in ESIA.")
    return _hash_of(path, Path(path).stat().st_mtime)


def client_secret(*parts: str) -> str:
    """Base64URL of the signature over the parameters concatenated in ESIA's order."""
    return b64url(get_signer().sign("".join(parts).encode()))
