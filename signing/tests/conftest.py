"""A session-wide throwaway PKI made with openssl and the GOST engine (see signing/testing/pki.py).

root (GOST 2012-512 A) -> sub (GOST 2012-256 TC26 A) -> one signer per key kind, plus expired,
not-yet-valid and revoked signers; an RSA root with an ECDSA signer; a rogue root nobody trusts.
"""

import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from signing.cms import TrustStore
from signing.testing import pki

SUBJECT = ("/CN=Иванов Иван Иванович/SN=Иванов/GN=Иван Иванович/O=ООО «Ромашка»/title=Директор"
           "/emailAddress=ivanov@example.ru/INN=770123456789/INNLE=7701234567/OGRN=1027700132195"
           "/SNILS=12345678901")


@dataclass
class World:
    directory: Path
    document: Path
    root: pki.Authority
    sub: pki.Authority
    rsa_root: pki.Authority
    rogue: pki.Authority
    signers: dict = field(default_factory=dict)
    special: dict = field(default_factory=dict)
    crls: list = field(default_factory=list)
    signed_before_revocation: Path | None = None

    @property
    def anchors(self):
        """One PEM file with every trusted root, for `openssl cms -verify -CAfile`."""
        path = self.directory / "anchors.pem"
        if not path.exists():
            path.write_bytes(self.root.cert.read_bytes() + self.rsa_root.cert.read_bytes())
        return path

    @property
    def crl_bundle(self):
        path = self.directory / "crls.pem"
        if not path.exists():
            path.write_bytes(b"".join(crl.read_bytes() for crl in self.crls))
        return path

    def store(self, *, crls=True, intermediates=False):
        return TrustStore.from_paths(
            anchors=[self.root.cert, self.rsa_root.cert],
            intermediates=[self.sub.cert] if intermediates else [],
            crls=self.crls if crls else [],
        )


def _build_world(directory: Path) -> World:
    document = directory / "document.bin"
    document.write_bytes(("Договор № 1 о подключении к сетям. " * 3000).encode("utf-8"))
    root = pki.Authority(directory, "root", "gost2012_512_A", subject="/CN=Тестовый корневой УЦ/O=Test PKI")
    sub = pki.Authority(directory, "sub", "gost2012_256_TCA", parent=root, subject="/CN=Тестовый УЦ/O=Test PKI")
    rsa_root = pki.Authority(directory, "rsa_root", "rsa")
    rogue = pki.Authority(directory, "rogue", "gost2012_256_TCB")
    world = World(directory, document, root, sub, rsa_root, rogue)
    for kind in pki.KEY_KINDS:
        world.signers[kind] = sub.issue("signer_%s" % kind, kind, SUBJECT)
    world.special["ecdsa_under_rsa"] = rsa_root.issue("ecdsa_under_rsa", "ec_p384", SUBJECT)
    world.special["expired"] = sub.issue("expired", "gost2012_256_TCB", SUBJECT,
                                         start="20200101000000Z", end="20210101000000Z")
    world.special["not_yet_valid"] = sub.issue("not_yet_valid", "gost2012_512_B", SUBJECT,
                                               start="20400101000000Z", end="20410101000000Z")
    world.special["revoked"] = sub.issue("revoked", "gost2012_256_A", SUBJECT)
    world.special["untrusted"] = rogue.issue("untrusted", "gost2012_256_TCC", SUBJECT)
    world.special["encipher_only"] = sub.issue("encipher_only", "gost2012_256_B", SUBJECT,
                                               extensions="encipher_only_cert")
    world.signed_before_revocation = pki.sign(world.special["revoked"], document, directory / "early.der",
                                              certfiles=[sub.cert])
    time.sleep(1.1)  # the revocation must fall in a later second than that signing time
    sub.revoke(world.special["revoked"])
    not_a_ca = pki.Authority(directory, "not_a_ca", "gost2012_256_TCC", parent=sub, extensions="signer_cert")
    world.special["issued_by_non_ca"] = not_a_ca.issue("issued_by_non_ca", "gost2012_256_TCA", SUBJECT)
    world.special["non_ca_chain"] = [not_a_ca.cert, sub.cert]
    world.crls = [sub.crl(), root.crl(), rsa_root.crl()]
    return world


@pytest.fixture(scope="session")
def world(tmp_path_factory):
    return _build_world(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="session")
def trust_store(world):
    return world.store()
