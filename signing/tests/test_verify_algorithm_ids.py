"""Signer infos may name the key algorithm or the signature algorithm, with NULL or absent parameters."""

import pytest
from asn1crypto import algos, cms, core

from signing.cms import verify_cms
from signing.testing import pki

# kind -> (key OID, signature OID) as signers write them.
ALGORITHM_IDS = {
    "gost2012_256_TCA": ("1.2.643.7.1.1.1.1", "1.2.643.7.1.1.3.2"),
    "gost2012_512_B": ("1.2.643.7.1.1.1.2", "1.2.643.7.1.1.3.3"),
    "gost2001_C": ("1.2.643.2.2.19", "1.2.643.2.2.3"),
    "rsa": ("1.2.840.113549.1.1.1", "1.2.840.113549.1.1.11"),
    "ec_p256": ("1.2.840.10045.2.1", "1.2.840.10045.4.3.2"),
}


def _with_signature_algorithm(der, oid, parameters):
    info = cms.ContentInfo.load(der)
    signer_info = info["content"]["signer_infos"][0]
    value = {"algorithm": oid}
    if parameters == "null":
        value["parameters"] = core.Null()
    signer_info["signature_algorithm"] = algos.SignedDigestAlgorithm(value)
    return info.dump()


@pytest.mark.parametrize("kind", list(ALGORITHM_IDS))
@pytest.mark.parametrize("which", [0, 1], ids=["key-oid", "signature-oid"])
@pytest.mark.parametrize("parameters", ["null", "absent"])
def test_signer_info_algorithm_identifier_variants_verify(world, trust_store, tmp_path, kind, which, parameters):
    signature = pki.sign(world.signers[kind], world.document, tmp_path / "s.der", certfiles=[world.sub.cert])
    patched = _with_signature_algorithm(signature.read_bytes(), ALGORITHM_IDS[kind][which], parameters)
    report = verify_cms(patched, world.document, trust_store)
    assert report.valid, report.reason


def test_signature_oid_contradicting_the_digest_is_a_format_failure(world, trust_store, tmp_path):
    signature = pki.sign(world.signers["gost2012_256_TCA"], world.document, tmp_path / "s.der",
                         certfiles=[world.sub.cert])
    patched = _with_signature_algorithm(signature.read_bytes(), "1.2.643.7.1.1.3.3", "absent")
    report = verify_cms(patched, world.document, trust_store)
    assert report.subindication == "FORMAT_FAILURE"
