"""Extended CAdES for tests, as CryptoPro and others write it: RFC 3161 timestamp tokens made by
`openssl ts` with the GOST engine, unsigned attributes (timestamps, countersignatures, CAdES-X-L
values) added to a signature with asn1crypto, and countersignatures signed with `openssl pkeyutl`."""

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from asn1crypto import cms, core, x509

from .. import gost
from ..cms.asn1 import AnySet, RawAttribute, RawAttributes, RawContentInfo
from .handmade import _der, sign_digest_with_openssl

TIMESTAMP_TOKEN = "1.2.840.113549.1.9.16.2.14"
COUNTERSIGNATURE = "1.2.840.113549.1.9.6"
CERTIFICATE_VALUES = "1.2.840.113549.1.9.16.2.23"
REVOCATION_VALUES = "1.2.840.113549.1.9.16.2.24"

# `openssl ts` has no -engine for -query and needs the engine's digests by name, so load it by config.
_ENGINE_CONFIG = """openssl_conf = openssl_def
[ openssl_def ]
engines = engine_section
[ engine_section ]
gost = gost_section
[ gost_section ]
engine_id = gost
default_algorithms = ALL
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
serial = {directory}/tsaserial
signer_digest = {signer_digest}
default_policy = 1.2.643.2.2.38.4
digests = md_gost12_256, md_gost12_512, md_gost94, sha256, sha512
accuracy = secs:1
ess_cert_id_alg = sha256
"""


def timestamp_token(tsa, data: bytes, directory: Path, *, md="md_gost12_256", certfiles=()) -> bytes:
    """A DER TimeStampToken (RFC 3161) of `data` by the TSA identity `tsa` (pki.Identity)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    config = directory / "tsa.cnf"
    config.write_text(_ENGINE_CONFIG.format(directory=directory, signer_digest=tsa.digest), encoding="utf-8")
    serial = directory / "tsaserial"
    if not serial.exists():
        serial.write_text("01\n")
    (directory / "imprinted.bin").write_bytes(data)
    environment = {**os.environ, "OPENSSL_CONF": str(config)}
    run = {"check": True, "capture_output": True, "env": environment}
    subprocess.run(["openssl", "ts", "-query", "-data", directory / "imprinted.bin", "-" + md, "-cert",
                    "-out", directory / "request.tsq"], **run)
    chain = ["-chain", str(certfiles[0])] if certfiles else []
    subprocess.run(["openssl", "ts", "-reply", "-config", config, "-queryfile", directory / "request.tsq",
                    "-signer", tsa.cert, "-inkey", tsa.key, *chain, "-token_out", "-out", directory / "token.der"],
                   **run)
    return (directory / "token.der").read_bytes()


def signature_value(signature_der: bytes, index=0) -> bytes:
    return RawContentInfo.load(signature_der)["content"]["signer_infos"][index]["signature"].native


class _AnySequence(core.SequenceOf):
    _child_spec = core.Any


def with_unsigned_attributes(signature_der: bytes, attributes, index=0, certificates=()) -> bytes:
    """The signature with unsigned attributes appended to signer `index`: [(oid, [value DER, ...])],
    and `certificates` (paths) added to the SignedData's certificates (a countersigner's, say)."""
    info = RawContentInfo.load(signature_der)
    if certificates:
        present = list(info["content"]["certificates"])
        info["content"]["certificates"] = AnySet(present + [core.Any.load(_der(path)) for path in certificates])
    signer_info = info["content"]["signer_infos"][index]
    existing = [] if isinstance(signer_info["unsigned_attrs"], core.Void) else list(signer_info["unsigned_attrs"])
    added = [RawAttribute({"type": oid, "values": [core.Any.load(value) for value in values]})
             for oid, values in attributes]
    signer_info["unsigned_attrs"] = RawAttributes(existing + added)
    return info.dump(force=True)


def countersignature(identity, countersigned_value: bytes, directory: Path, *, signing_time=None,
                     tamper=False) -> bytes:
    """A countersignature SignerInfo (RFC 5652 11.4) by a GOST 2012-256 identity over a signature value:
    signed attributes messageDigest and signingTime, no contentType. `tamper` signs other bytes."""
    cert = x509.Certificate.load(_der(identity.cert))
    moment = signing_time or datetime.now(UTC).replace(microsecond=0)
    covered = countersigned_value + (b"x" if tamper else b"")
    attrs = cms.CMSAttributes([
        cms.CMSAttribute({"type": "signing_time", "values": [cms.Time({"utc_time": moment})]}),
        cms.CMSAttribute({"type": "message_digest", "values": [gost.new("streebog256", covered).digest()]}),
    ])
    signature = sign_digest_with_openssl(identity.key, gost.new("streebog256", attrs.dump()).digest(), directory)
    return cms.SignerInfo({
        "version": "v1",
        "sid": cms.SignerIdentifier({"issuer_and_serial_number": {
            "issuer": cert.issuer, "serial_number": cert.serial_number}}),
        "digest_algorithm": {"algorithm": "1.2.643.7.1.1.2.2"},
        "signed_attrs": attrs,
        "signature_algorithm": {"algorithm": "1.2.643.7.1.1.1.1"},
        "signature": signature,
    }).dump()


def certificate_values(*cert_paths) -> bytes:
    return _AnySequence([core.Any.load(_der(path)) for path in cert_paths]).dump()


def revocation_values(*crl_paths) -> bytes:
    """RevocationValues with crlVals [0] only (ETSI EN 319 122-1, 5.5.3)."""
    crl_vals = _AnySequence([core.Any.load(_der(path)) for path in crl_paths]).dump()
    body = b"\xa0" + _length(len(crl_vals)) + crl_vals
    return b"\x30" + _length(len(body)) + body


def _length(count):
    if count < 0x80:
        return bytes([count])
    raw = count.to_bytes((count.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(raw)]) + raw


ARCHIVE_TIMESTAMP_V3 = "0.4.0.1733.2.4"
ATS_HASH_INDEX_V3 = "0.4.0.19122.1.5"
_DIGEST_OIDS = {"sha256": "2.16.840.1.101.3.4.2.1", "streebog256": "1.2.643.7.1.1.2.2"}
_OPENSSL_MD = {"sha256": "sha256", "streebog256": "md_gost12_256"}


class _OctetStrings(core.SequenceOf):
    _child_spec = core.OctetString


def ats_hash_index_v3(signature_der: bytes, digest="streebog256", index=0) -> bytes:
    """ATSHashIndexV3 (ETSI EN 319 122-1, 5.5.2) of the signature as it is now: hashes of every
    certificate, RevocationInfoChoice and (attrType || value) of the signer's unsigned attributes."""
    signed_data = RawContentInfo.load(signature_der)["content"]
    signer_info = signed_data["signer_infos"][index]
    unsigned = [] if isinstance(signer_info["unsigned_attrs"], core.Void) else list(signer_info["unsigned_attrs"])

    def hashes(encodings):
        return _OctetStrings([gost.new(digest, encoding).digest() for encoding in encodings]).dump()

    algorithm = cms.DigestAlgorithm({"algorithm": _DIGEST_OIDS[digest]}).dump()
    body = (algorithm + hashes(item.dump() for item in signed_data["certificates"])
            + hashes(item.dump() for item in signed_data["crls"])
            + hashes(attr["type"].dump() + value.dump() for attr in unsigned for value in attr["values"]))
    return b"\x30" + _length(len(body)) + body


def with_archive_timestamp(tsa, signature_der: bytes, document: bytes, directory: Path, *, digest="streebog256",
                           tamper=False) -> bytes:
    """The signature with an archive-time-stamp-v3 (ETSI EN 319 122-1, 5.5.3) by `tsa` appended to signer
    0: the token's imprint covers eContentType, the document's hash, the SignerInfo's fields and the
    ats-hash-index-v3, which is then added to the token's own unsigned attributes. `tamper` stamps
    other bytes."""
    signed_data = RawContentInfo.load(signature_der)["content"]
    signer_info = signed_data["signer_infos"][0]
    index = ats_hash_index_v3(signature_der, digest)
    fields = [signer_info[name].dump() for name in ("version", "sid", "digest_algorithm", "signed_attrs",
                                                    "signature_algorithm", "signature")]
    data = (signed_data["encap_content_info"]["content_type"].dump() + gost.new(digest, document).digest()
            + b"".join(fields) + index + (b"x" if tamper else b""))
    token = timestamp_token(tsa, data, directory, md=_OPENSSL_MD[digest])
    token = with_unsigned_attributes(token, [(ATS_HASH_INDEX_V3, [index])])
    return with_unsigned_attributes(signature_der, [(ARCHIVE_TIMESTAMP_V3, [token])])


def without_unsigned_attribute(signature_der: bytes, oid, index=0) -> bytes:
    """The signature with signer `index`'s unsigned attributes of type `oid` removed."""
    info = RawContentInfo.load(signature_der)
    signer_info = info["content"]["signer_infos"][index]
    kept = [attribute for attribute in signer_info["unsigned_attrs"] if attribute["type"].dotted != oid]
    signer_info["unsigned_attrs"] = RawAttributes(kept)
    return info.dump(force=True)
