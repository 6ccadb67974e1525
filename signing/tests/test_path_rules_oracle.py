"""RFC 5280 §6 path checks side by side with pyhanko-certvalidator (the oracle: its own path building
and CertificateValidator) on chains made here with openssl: unknown critical extensions, name
constraints (directory names, e-mail, DNS; permitted and excluded), certificate policies
(requireExplicitPolicy, policy mappings, inhibitPolicyMapping, inhibitAnyPolicy), path length, key
usage of a CA, validity nesting, the CRL issuer's cRLSign. RSA/ECDSA and GOST chains alike: for GOST
the oracle gets the portal's signature plug-in (only the signature arithmetic is ours there)."""

import asyncio
import concurrent.futures

import pytest
from asn1crypto import crl as asn1_crl
from asn1crypto import pem, x509
from pyhanko_certvalidator import CertificateValidator, ValidationContext

from signing.cms import TrustStore, verify_cms
from signing.cms import report as r
from signing.cms.rfc5280 import _signature_validator
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
[ explicit_policy_ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
certificatePolicies = 1.2.3.4
policyConstraints = critical, requireExplicitPolicy:0
[ mapping_ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
certificatePolicies = 1.2.3.4
policyMappings = critical, 1.2.3.4:1.2.643.100.113.1
policyConstraints = critical, requireExplicitPolicy:0
[ inhibit_mapping_ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
certificatePolicies = 2.5.29.32.0
policyConstraints = critical, requireExplicitPolicy:0, inhibitPolicyMapping:0
[ any_policy_ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
certificatePolicies = 2.5.29.32.0
policyConstraints = critical, requireExplicitPolicy:0
[ inhibit_any_ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
certificatePolicies = 2.5.29.32.0
policyConstraints = critical, requireExplicitPolicy:0
inhibitAnyPolicy = critical, 0
[ policy_signer ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
certificatePolicies = 1.2.3.4
[ any_policy_signer ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
certificatePolicies = 2.5.29.32.0
[ email_ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
nameConstraints = critical, permitted;email:example.ru, excluded;DNS:bad.example.ru
[ email_in_signer ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = email:ivanov@example.ru
[ email_out_signer ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = email:ivanov@other.ru
[ dns_excluded_signer ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = email:robot@example.ru, DNS:host.bad.example.ru
[ ca_unknown_critical ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
1.2.3.4.5.6.8 = critical, ASN1:NULL
[ crl_only_ca ]
issuingDistributionPoint = critical, @only_ca_idp
[ only_ca_idp ]
fullname = URI:http://127.0.0.1:9/ca.crl
onlyCA = TRUE
[ crl_only_user ]
issuingDistributionPoint = critical, @only_user_idp
[ only_user_idp ]
fullname = URI:http://127.0.0.1:9/ca.crl
onlyuser = TRUE
[ crl_delta ]
2.5.29.27 = critical, ASN1:INTEGER:1
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
    odd = ca("caunknown", "ca_unknown_critical")
    chains["ca_unknown_critical"] = ([odd.cert], odd.issue("cu", signer_kind, "/CN=Under odd CA"))
    _policy_chains(chains, ca, root, directory, family, signer_kind)
    _name_and_validity_chains(chains, ca, root, directory, family, signer_kind)
    return root, chains


def _policy_chains(chains, ca, root, directory, family, signer_kind):
    """RFC 5280 §6.1.3 (d)-(f), §6.1.4 (a)-(j); the default signer asserts 1.2.643.100.113.1 and .2."""
    explicit = ca("explicit", "explicit_policy_ca")
    chains["explicit_policy_missing"] = ([explicit.cert], explicit.issue("ep0", signer_kind, "/CN=No policy"))
    chains["explicit_policy_met"] = ([explicit.cert], explicit.issue("ep1", signer_kind, "/CN=Policy",
                                                                     extensions="policy_signer"))
    mapping = ca("mapping", "mapping_ca")
    chains["policy_mapped"] = ([mapping.cert], mapping.issue("pm", signer_kind, "/CN=Mapped"))
    inhibiting = ca("inhibitmap", "inhibit_mapping_ca")
    _add_sections(inhibiting)
    mapping_below = pki.Authority(directory, f"{family}_mapbelow", FAMILIES[family][0], parent=inhibiting,
                                  extensions="mapping_ca")
    chains["policy_mapping_inhibited"] = ([inhibiting.cert, mapping_below.cert],
                                          mapping_below.issue("pmi", signer_kind, "/CN=Mapping inhibited"))
    any_ca, inhibit_any = ca("anypolicy", "any_policy_ca"), ca("inhibitany", "inhibit_any_ca")
    chains["any_policy"] = ([any_ca.cert], any_ca.issue("ap", signer_kind, "/CN=Any", extensions="any_policy_signer"))
    chains["any_policy_inhibited"] = ([inhibit_any.cert], inhibit_any.issue(
        "api", signer_kind, "/CN=Any inhibited", extensions="any_policy_signer"))


def _name_and_validity_chains(chains, ca, root, directory, family, signer_kind):
    mail = ca("mail", "email_ca")
    chains["email_permitted"] = ([mail.cert], mail.issue("em", signer_kind, "/CN=Mail in",
                                                         extensions="email_in_signer"))
    chains["email_not_permitted"] = ([mail.cert], mail.issue("eo", signer_kind, "/CN=Mail out",
                                                             extensions="email_out_signer"))
    chains["dns_excluded"] = ([mail.cert], mail.issue("dx", signer_kind, "/CN=Host", extensions="dns_excluded_signer"))
    # Validity need not nest (RFC 5280 §6.1.3 (a)(2) checks each certificate at the time): an issuer
    # that ends before its signer is fine while both are valid; an expired issuer is not.
    short = pki.Authority(directory, f"{family}_short", FAMILIES[family][0], parent=root, days=30)
    chains["validity_not_nested"] = ([short.cert], short.issue("nn", signer_kind, "/CN=Outlives", days=365))
    expired = pki.Authority(directory, f"{family}_expired", FAMILIES[family][0], parent=root,
                            start="20200101000000Z", end="20210101000000Z")
    chains["issuer_expired"] = ([expired.cert], expired.issue("ie", signer_kind, "/CN=Under expired",
                                                              start="20200601000000Z", end="20400101000000Z"))


# Which chains RFC 5280 accepts.
EXPECTED = {"valid": True, "unknown_critical": False, "excluded_name": False, "outside_excluded": True,
            "permitted_name": True, "not_permitted_name": False, "path_too_long": False,
            "ca_without_cert_sign": False, "explicit_policy_missing": False, "explicit_policy_met": True,
            "policy_mapped": True, "policy_mapping_inhibited": False, "any_policy": True,
            "any_policy_inhibited": False, "email_permitted": True, "email_not_permitted": False,
            "dns_excluded": False, "validity_not_nested": True, "issuer_expired": False,
            "ca_unknown_critical": False}


@pytest.fixture(scope="module", params=list(FAMILIES))
def family_chains(request, tmp_path_factory):
    return request.param, *_chains(tmp_path_factory.mktemp(request.param), request.param)


def _oracle(root, intermediates, signer, crls=(), revocation_mode="soft-fail"):
    context = ValidationContext(trust_roots=[x509.Certificate.load(_der(root.cert))], allow_fetching=False,
                                crls=[asn1_crl.CertificateList.load(_der(path)) for path in crls],
                                revocation_mode=revocation_mode, signature_validator=_signature_validator(set()))
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
                                              r.CERTIFICATE_CHAIN_GENERAL_FAILURE, r.OUT_OF_BOUNDS_NO_POE))
    assert chain_ok is EXPECTED[case], report.reason
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


@pytest.mark.parametrize(("crl_extensions", "covers"), [("crl_only_ca", False), ("crl_delta", False),
                                                         ("crl_only_user", True), (None, True)])
def test_a_crl_counts_only_for_the_certificates_its_scope_covers(tmp_path, crl_extensions, covers):
    """RFC 5280 6.3.3 (b), 5.2.4-5.2.5: a CRL for CA certificates only, or a delta CRL alone, says
    nothing about an end entity; the signer (revoked) is then not "not revoked" but unchecked."""
    root = pki.Authority(tmp_path, "scoperoot", "gost2012_256_TCA")
    _add_sections(root)
    signer = root.issue("scoped", "gost2012_256_A", "/CN=Scoped")
    root.revoke(signer)
    crl = root.crl(crl_extensions)
    report = _ours(root, [], signer, tmp_path, crls=[crl], require_revocation=True)
    revocation = next(c for c in report.signers[0].checks if c.name == "revocation")
    expected = (r.REVOKED, r.REVOKED_NO_POE) if covers else (r.TRY_LATER,)  # revoked in the signing second
    assert revocation.subindication in expected, revocation.message
    assert _oracle(root, [], signer, crls=[crl], revocation_mode="require") is False
