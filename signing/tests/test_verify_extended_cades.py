"""Signatures as real software writes them: CAdES-T with a GOST timestamp, CAdES-X-L values, unknown
attributes, countersignatures, revocation after a proven time. Every signature is made here with
OpenSSL's GOST engine (`openssl ts` for the tokens) and asn1crypto for the unsigned attributes."""

import time

import pytest

from signing.cms import TrustStore, oids, verify_cms
from signing.cms import report as r
from signing.cms.certs import load_certificate
from signing.cms.validation import check_purpose
from signing.testing import cades, pki
from signing.testing.handmade import _der

# A CAdES-X "complete-certificate-refs" value as CryptoPro writes it can hold anything asn1crypto
# cannot read; an attribute nobody knows, likewise.
COMPLETE_CERTIFICATE_REFS = "1.2.840.113549.1.9.16.2.21"
UNKNOWN_ATTRIBUTE = "1.2.643.2.2.99.1"


@pytest.fixture(scope="module")
def cpki(tmp_path_factory):
    """root -> sub -> signers and a TSA; a rogue root with its own TSA."""
    directory = tmp_path_factory.mktemp("cades")
    root = pki.Authority(directory, "croot", "gost2012_512_A", subject="/CN=Корневой УЦ CAdES/O=Test PKI")
    sub = pki.Authority(directory, "csub", "gost2012_256_TCA", parent=root, subject="/CN=УЦ CAdES/O=Test PKI")
    rogue = pki.Authority(directory, "crogue", "gost2012_256_TCB")
    document = directory / "document.txt"
    document.write_bytes("Заявление о подключении. ".encode() * 500)
    world = {
        "directory": directory, "root": root, "sub": sub, "rogue": rogue, "document": document,
        "signer": sub.issue("csigner", "gost2012_256_A", "/CN=Петров Пётр/INN=770123456789"),
        "counter": sub.issue("ccounter", "gost2012_256_TCB", "/CN=Сидоров Сидор/INN=500100732259"),
        "tsa": sub.issue("ctsa", "gost2012_256_TCA", "/CN=Служба штампов времени", extensions="tsa_cert"),
        "rogue_tsa": rogue.issue("crtsa", "gost2012_256_TCC", "/CN=Чужая служба", extensions="tsa_cert"),
        "late_revoked": sub.issue("clate", "gost2012_256_B", "/CN=Отозван позже"),
    }
    late = world["late_revoked"]
    world["late_signature"] = pki.sign(late, document, directory / "late.der", certfiles=[sub.cert]).read_bytes()
    world["late_token"] = cades.timestamp_token(world["tsa"], cades.signature_value(world["late_signature"]),
                                                directory / "late-ts")
    time.sleep(1.1)  # the revocation falls in a later second than the timestamp
    sub.revoke(late)
    world["sub_crl"] = sub.crl()
    world["root_crl"] = root.crl()
    return world


def _store(cpki, *, crls=True, intermediates=True, **extra):
    store = TrustStore.from_paths(anchors=[cpki["root"].cert],
                                  intermediates=[cpki["sub"].cert] if intermediates else [],
                                  crls=[cpki["sub_crl"], cpki["root_crl"]] if crls else [])
    for name, value in extra.items():
        setattr(store, name, value)
    return store


def _signed(cpki, tmp_path, name="signer", **options):
    return pki.sign(cpki[name], cpki["document"], tmp_path / "s.der", **options).read_bytes()


def _stamped(cpki, tmp_path, signature, tsa="tsa", data=None):
    token = cades.timestamp_token(cpki[tsa], data if data is not None else cades.signature_value(signature),
                                  tmp_path / "ts")
    return cades.with_unsigned_attributes(signature, [(cades.TIMESTAMP_TOKEN, [token])])


def _check(signer, name):
    return next(check for check in signer.checks if check.name == name)


def test_gost_cades_t_verifies_and_reports_time_and_tsa(cpki, tmp_path):
    stamped = _stamped(cpki, tmp_path, _signed(cpki, tmp_path, certfiles=[cpki["sub"].cert]))
    (tmp_path / "t.der").write_bytes(stamped)
    assert pki.openssl_verifies(tmp_path / "t.der", cpki["document"], cpki["root"].cert)
    report = verify_cms(stamped, cpki["document"], _store(cpki))
    assert report.valid, report.reason
    signer = report.signers[0]
    assert signer.timestamp["tsa"] == "Служба штампов времени"
    assert signer.timestamp["digest_algorithm"] == "ГОСТ Р 34.11-2012 (256)"
    assert signer.reference_time_source == "timestamp"
    assert "на время штампа времени" in _check(signer, "certificate_validity").message
    assert report.to_dict()["signers"][0]["timestamp"]["time"].startswith(str(signer.timestamp["time"].year))


def test_timestamp_is_proof_of_existence_before_a_later_revocation(cpki):
    stamped = cades.with_unsigned_attributes(cpki["late_signature"], [(cades.TIMESTAMP_TOKEN, [cpki["late_token"]])])
    bare = verify_cms(cpki["late_signature"], cpki["document"], _store(cpki))
    assert (bare.indication, bare.subindication) == (r.INDETERMINATE, r.REVOKED_NO_POE)
    report = verify_cms(stamped, cpki["document"], _store(cpki))
    assert report.valid, report.reason


def test_timestamp_of_other_data_is_not_used(cpki, tmp_path):
    signature = _signed(cpki, tmp_path, certfiles=[cpki["sub"].cert])
    report = verify_cms(_stamped(cpki, tmp_path, signature, data=b"other"), cpki["document"], _store(cpki))
    check = _check(report.signers[0], "timestamp")
    assert check.result == r.WARNING and "messageImprint" in check.message
    assert report.signers[0].timestamp is None and report.signers[0].reference_time_source == "signing_time"


def test_tsa_certificate_needs_the_timestamping_purpose(cpki):
    """`openssl ts` refuses to sign without it, so the check is tried on the certificates directly."""
    signer = load_certificate(_der(cpki["signer"].cert))
    tsa = load_certificate(_der(cpki["tsa"].cert))
    report = r.SignerReport()
    assert not check_purpose(report, signer, oids.EKU_TIME_STAMPING)
    assert "timeStamping" in report.checks[0].message
    assert check_purpose(report, tsa, oids.EKU_TIME_STAMPING)


def test_timestamp_needs_a_trusted_tsa(cpki, tmp_path):
    signature = _signed(cpki, tmp_path, certfiles=[cpki["sub"].cert])
    rogue = verify_cms(_stamped(cpki, tmp_path, signature, tsa="rogue_tsa"), cpki["document"], _store(cpki))
    assert _check(rogue.signers[0], "timestamp").result == r.WARNING
    assert rogue.signers[0].reference_time_source == "signing_time"
    # A TSA trusted like a root (trusted TSAs) is accepted without its root being a signers' root.
    tsa_anchors = TrustStore.from_paths(anchors=[cpki["rogue"].cert]).anchors
    trusted = verify_cms(_stamped(cpki, tmp_path, signature, tsa="rogue_tsa"), cpki["document"],
                         _store(cpki, tsa_anchors=tsa_anchors))
    assert _check(trusted.signers[0], "timestamp").result == r.PASSED


def test_unknown_and_cades_x_attributes_never_fail_a_signature(cpki, tmp_path):
    signature = _signed(cpki, tmp_path, certfiles=[cpki["sub"].cert])
    junk = bytes.fromhex("3008a0060c04d182d0b5")  # tagged garbage asn1crypto cannot read as refs
    extended = cades.with_unsigned_attributes(_stamped(cpki, tmp_path, signature), [
        (COMPLETE_CERTIFICATE_REFS, [junk]), (UNKNOWN_ATTRIBUTE, [b"\x04\x03abc"])])
    started = time.perf_counter()
    report = verify_cms(extended, cpki["document"], _store(cpki))
    assert time.perf_counter() - started < 1.0
    assert report.valid, report.reason
    listed = {item["oid"]: item for item in report.signers[0].other_attributes}
    assert listed[COMPLETE_CERTIFICATE_REFS]["name"] == "completeCertificateRefs"
    assert listed[UNKNOWN_ATTRIBUTE]["signed"] is False and listed[UNKNOWN_ATTRIBUTE]["size"] > 0


def test_cades_x_long_values_verify_offline(cpki, tmp_path):
    """No intermediate and no CRL in the store: the certificate-values and revocation-values carry them."""
    signature = _signed(cpki, tmp_path)  # only the signer's certificate inside
    assert verify_cms(signature, cpki["document"], _store(cpki, intermediates=False)).subindication \
        == r.NO_CERTIFICATE_CHAIN_FOUND
    xl = cades.with_unsigned_attributes(_stamped(cpki, tmp_path, signature), [
        (cades.CERTIFICATE_VALUES, [cades.certificate_values(cpki["sub"].cert)]),
        (cades.REVOCATION_VALUES, [cades.revocation_values(cpki["sub_crl"], cpki["root_crl"])]),
    ])
    report = verify_cms(xl, cpki["document"], _store(cpki, crls=False, intermediates=False, require_revocation=True))
    assert report.valid, report.reason
    assert _check(report.signers[0], "revocation").result == r.PASSED


def test_embedded_crl_revokes(cpki, tmp_path):
    xl = cades.with_unsigned_attributes(cpki["late_signature"], [
        (cades.REVOCATION_VALUES, [cades.revocation_values(cpki["sub_crl"])])])
    report = verify_cms(xl, cpki["document"], _store(cpki, crls=False))
    assert report.subindication == r.REVOKED_NO_POE


def test_countersignatures_are_reported_and_verified(cpki, tmp_path):
    signature = _signed(cpki, tmp_path, certfiles=[cpki["sub"].cert])
    value = cades.signature_value(signature)
    good = cades.countersignature(cpki["counter"], value, tmp_path)
    countersigned = cades.with_unsigned_attributes(signature, [(cades.COUNTERSIGNATURE, [good])],
                                                   certificates=[cpki["counter"].cert])
    report = verify_cms(countersigned, cpki["document"], _store(cpki))
    assert report.valid, report.reason
    [counter] = report.signers[0].countersigners
    assert counter.identity.common_name == "Сидоров Сидор" and counter.indication == r.TOTAL_PASSED
    assert _check(counter, "message_digest").result == r.PASSED

    bad = cades.countersignature(cpki["counter"], value, tmp_path, tamper=True)
    tampered = cades.with_unsigned_attributes(signature, [(cades.COUNTERSIGNATURE, [bad])],
                                              certificates=[cpki["counter"].cert])
    report = verify_cms(tampered, cpki["document"], _store(cpki))
    assert report.signers[0].indication == r.TOTAL_PASSED
    assert report.signers[0].countersigners[0].subindication == r.HASH_FAILURE
    assert not report.valid and "заверяемой подписи" in report.reason


def test_revocation_is_never_passed_when_nothing_was_checked(cpki, tmp_path):
    self_signed = pki.Authority(tmp_path, "selfsigned", "gost2012_256_TCA", subject="/CN=Самоподписанный")
    signature = pki.sign(self_signed.identity, cpki["document"], tmp_path / "s.der").read_bytes()
    store = TrustStore.from_paths(anchors=[self_signed.cert])
    report = verify_cms(signature, cpki["document"], store)
    check = _check(report.signers[0], "revocation")
    assert check.result == r.WARNING and check.message.startswith("отзыв не проверен")
    store.require_revocation = True
    strict = _check(verify_cms(signature, cpki["document"], store).signers[0], "revocation")
    assert (strict.result, strict.subindication) == (r.FAILED, r.TRY_LATER)


def test_strict_revocation_needs_a_crl_for_every_issuer(cpki, tmp_path):
    signature = _signed(cpki, tmp_path, certfiles=[cpki["sub"].cert])
    assert verify_cms(signature, cpki["document"], _store(cpki, require_revocation=True)).valid
    strict = verify_cms(signature, cpki["document"], _store(cpki, crls=False, require_revocation=True))
    assert strict.subindication == r.TRY_LATER and "повторите проверку позже" in strict.reason
