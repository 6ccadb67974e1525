"""GOST key pairs for the portal and the stand-in ESIA, made with OpenSSL's GOST engine."""

from dataclasses import dataclass
from pathlib import Path

from accounts.esia.signers import openssl


@dataclass
class KeyPair:
    key: Path
    cert: Path
    public: Path


def make_pair(directory: Path, name, subject) -> KeyPair:
    directory.mkdir(parents=True, exist_ok=True)
    key, cert, public = directory / (f"{name}.key"), directory / (f"{name}.pem"), directory / (f"{name}.pub")
    openssl("genpkey", "-algorithm", "gost2012_256", "-pkeyopt", "paramset:A", "-out", key)
    openssl("req", "-new", "-x509", "-utf8", "-key", key, "-subj", subject, "-days", "365", "-out", cert)
    public.write_bytes(openssl("x509", "-in", cert, "-pubkey", "-noout"))
    return KeyPair(key, cert, public)
