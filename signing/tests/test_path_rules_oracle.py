"""RFC 5280 §6 path checks side by side with pyhanko-certvalidator (the oracle) on chains made here with
openssl: unknown critical extensions, name constraints, path length, key usage of a CA, the CRL
issuer's cRLSign. RSA and ECDSA chains are compared with the oracle; GOST chains (which the oracle
cannot verify) must get the same verdicts from our verifier."""

import asyncio
import concurrent.futures

import pytest
from asn1crypto import crl as asn1_crl
from asn1crypto import pem, x509
from pyhanko_certvalidator import CertificateValidator, ValidationContext

from signing.cms import TrustStore, verify_cms
from signing.cms import report as r
from signing.testing import pki

SECTIONS = """
[ unknown_critical ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
1.2.3.4.5.6.7 = critical, ASN1:NULL
[ excluding_ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
nameConstraints = critical, excluded;dirName:excluded_dir
[ excluded_dir ]
O = Excluded Org
[ permitting_ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
nameConstraints = critical, permitted;dirName:permitted_dir
[ permitted_dir ]
O = Permitted Org
[ pathlen_zero_ca ]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ no_cert_sign_ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ no_crl_sign_ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"""

FAMILIES = {"rsa": ("rsa", "ec_p256"), "gost": ("gost2012_512_A", "gost2012_256_TCA")}


def _der(path):
    data = path.read_bytes()
    return pem.unarmor(data)[2] if pem.detect(data) else data


def _add_sections(authority):
    with open(authority.config, "a", encoding="utf-8") as config:
        config.write(SECTIONS)


def _chains(directory, family):
    ca_kind, signer_kind = FAMILIES[family]
    root = pki.Authority(directory, f"{family}_root", ca_kind)
    _add_sections(root)

    def ca(name, extensions):
        authority = pki.Authority(directory, f"{family}_{name}", ca_kind, parent=root, extensions=extensions)
        _add_sections(authority)
        return authority

    plain = ca("plain", "ca_cert")
    chains = {
        "valid": ([plain.cert], plain.issue("valid", signer_kind, "/O=Any Org/CN=Valid")),
        "unknown_critical": ([plain.cert], plain.issue("uc", signer_kind, "/CN=Unknown critical",
                                                       extensions="unknown_critical")),
    }
    excluding, permitting = ca("excluding", "excluding_ca"), ca("permitting", "permitting_ca")
    chains["excluded_name"] = ([excluding.cert], excluding.issue("ex", signer_kind, "/O=Excluded Org/CN=Excluded"))
    chains["outside_excluded"] = ([excluding.cert], excluding.issue("ok", signer_kind, "/O=Other Org/CN=Fine"))
    chains["permitted_name"] = ([permitting.cert], permitting.issue("pn", signer_kind, "/O=Permitted Org/CN=In"))
    chains["not_permitted_name"] = ([permitting.cert], permitting.issue("np", signer_kind, "/O=Other Org/CN=Out"))
    zero = ca("pathlen0", "pathlen_zero_ca")
    below = pki.Authority(directory, f"{family}_below", ca_kind, parent=zero)
    chains["path_too_long"] = ([zero.cert, below.cert], below.issue("deep", signer_kind, "/CN=Too deep"))
    no_sign = ca("nosign", "no_cert_sign_ca")
    chains["ca_without_cert_sign"] = ([no_sign.cert], no_sign.issue("ns", signer_kind, "/CN=Bad issuer"))
    return root, chains


# Which chains RFC 5280 accepts.
EXPECTED = {"valid": True, "unknown_critical": False, "excluded_name": False, "outside_excluded": True,
            "permitted_name": True, "not_permitted_name": False, "path_too_long": False,
            "ca_without_cert_sign": False}


@pytest.fixture(scope="module", params=list(FAMILIES))
def family_chains(request, tmp_path_factory):
    return request.param, *_chains(tmp_path_factory.mktemp(request.param), request.param)


def _oracle(root, intermediates, signer, crls=(), revocation_mode="soft-fail"):
    context = ValidationContext(trust_roots=[x509.Certificate.load(_der(root.cert))], allow_fetching=False,
                                crls=[asn1_crl.CertificateList.load(_der(path)) for path in crls],
                                revocation_mode=revocation_mode)
    validator = CertificateValidator(x509.Certificate.load(_der(signer.cert)),
                                     intermediate_certs=[x509.Certificate.load(_der(path)) for path in intermediates],
                                     validation_context=context)
    # In a thread of its own: another test (Playwright's sync API) may have left an event loop running in
    # this one, and asyncio.run() refuses to start inside a running loop.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        outcome = pool.submit(_validate, validator).result()
    return outcome


def _validate(validator):
    try:
        asyncio.run(validator.async_validate_usage(set()))
    except Exception:  # noqa: BLE001 - any refusal of the oracle is a "no"
        return False
    return True


def _ours(root, intermediates, signer, tmp_path, crls=(), require_revocation=False):
    document = tmp_path / "doc.txt"
    document.write_bytes(b"RFC 5280 path")
    signature = pki.sign(signer, document, tmp_path / "s.der", certfiles=intermediates)
    store = TrustStore.from_paths(anchors=[root.cert], crls=crls)
    store.require_revocation = require_revocation
    return verify_cms(signature.read_bytes(), document, store)


@pytest.mark.parametrize("case", list(EXPECTED))
def test_path_verdicts_agree_with_rfc_5280_and_the_oracle(family_chains, tmp_path, case):
    family, root, chains = family_chains
    intermediates, signer = chains[case]
    report = _ours(root, intermediates, signer, tmp_path)
    chain_ok = not any(c.result == r.FAILED for c in report.signers[0].checks
                       if c.subindication in (r.CHAIN_CONSTRAINTS_FAILURE, r.NO_CERTIFICATE_CHAIN_FOUND,
                                              r.CERTIFICATE_CHAIN_GENERAL_FAILURE))
    assert chain_ok is EXPECTED[case], report.reason
    if family == "rsa":
        assert _oracle(root, intermediates, signer) is EXPECTED[case]


def test_a_crl_from_an_issuer_without_crl_sign_is_not_used(tmp_path):
    root = pki.Authority(tmp_path, "crlroot", "rsa")
    _add_sections(root)
    issuer = pki.Authority(tmp_path, "nocrlsign", "rsa", parent=root, extensions="no_crl_sign_ca")
    signer = issuer.issue("revoked", "ec_p256", "/CN=Revoked")
    issuer.revoke(signer)
    crl = issuer.crl()
    report = _ours(root, [issuer.cert], signer, tmp_path, crls=[crl], require_revocation=True)
    revocation = next(c for c in report.signers[0].checks if c.name == "revocation")
    assert revocation.subindication == r.TRY_LATER  # not "revoked" from a CRL its issuer may not sign
    assert _oracle(root, [issuer.cert], signer, crls=[crl], revocation_mode="require") is False
