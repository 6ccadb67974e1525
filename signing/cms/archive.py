"""Archive timestamps of CAdES-A (ETSI EN 319 122-1, 5.5.3 archive-time-stamp-v3, with its
ats-hash-index-v3 of 5.5.2): each token is verified (its own signature, the TSA's path and
timeStamping purpose, as for a signature timestamp) and its message imprint recomputed over the
archive data; the report gives the time of every valid one and why any other is refused.

Archive data (5.5.3): the DER of encapContentInfo.eContentType, the hash of the signed content (the
imprint's algorithm), then version, sid, digestAlgorithm, signedAttrs, signatureAlgorithm and
signature of the SignerInfo exactly as encoded, then the DER of the ats-hash-index-v3 value. Every
hash the index lists must name a certificate, a RevocationInfoChoice or an (attrType, value) of an
unsigned attribute present in the signature (5.5.2); a hash without its object breaks the timestamp.

Older archive timestamps (archiveTimestamp v1 and v2 of ETSI TS 101 733) are reported "not checked"
(a warning), never valid.
"""

import hmac
from dataclasses import dataclass

from asn1crypto import core

from .. import gost
from . import budget, oids
from . import report as r
from .asn1 import ASN1_ERRORS, RawAlgorithm, attribute_map
from .errors import FormatError
from .report import messages
from .timestamps import read_token

ATTR_ARCHIVE_TIMESTAMP_V3 = "0.4.0.1733.2.4"
ATTR_ATS_HASH_INDEX_V3 = "0.4.0.19122.1.5"
OLD_ARCHIVE_TIMESTAMPS = ("1.2.840.113549.1.9.16.2.27", "1.2.840.113549.1.9.16.2.48")
DEFAULT_INDEX_DIGEST = "sha256"  # ATSHashIndexV3.hashIndAlgorithm DEFAULT {algorithm id-sha256}


class _Sequence(core.SequenceOf):
    _child_spec = core.Any


class _OctetStrings(core.SequenceOf):
    _child_spec = core.OctetString


@dataclass
class ArchiveStamp:
    time: object  # datetime
    tsa: str


def imprint_digest_names(signed_data):
    """Digest names the archive tokens' imprints use (the content must be hashed with them too)."""
    names = set()
    for signer_info in signed_data["signer_infos"]:
        for token in (attribute_map(signer_info["unsigned_attrs"]) or {}).get(ATTR_ARCHIVE_TIMESTAMP_V3, []):
            try:
                _, _, tst_info = read_token(token.dump())
                name = oids.DIGESTS.get(tst_info["message_imprint"]["hash_algorithm"]["algorithm"].dotted)
            except (FormatError, *ASN1_ERRORS):
                continue  # reported when the signer is verified
            if name:
                names.add(name)
    return names


def _hash_index(token_signed_data):
    """(digest name, [certificate hashes], [crl hashes], [unsigned attribute hashes]) of the token's
    ats-hash-index-v3; FormatError when it is missing or unreadable."""
    token_signer = token_signed_data["signer_infos"][0]
    values = (attribute_map(token_signer["unsigned_attrs"]) or {}).get(ATTR_ATS_HASH_INDEX_V3)
    if not values:
        raise FormatError(messages.ARCHIVE_NO_HASH_INDEX)
    try:
        items = list(_Sequence.load(values[0].dump()))
        algorithm = DEFAULT_INDEX_DIGEST
        if len(items) == 4:
            algorithm_oid = RawAlgorithm.load(items.pop(0).dump())["algorithm"].dotted
            algorithm = oids.DIGESTS.get(algorithm_oid)
            if algorithm is None:
                raise FormatError(messages.UNKNOWN_DIGEST_ALGORITHM.format(oid=algorithm_oid))
        if len(items) != 3:
            raise FormatError(messages.ARCHIVE_NO_HASH_INDEX)
        lists = [[item.native for item in _OctetStrings.load(value.dump())] for value in items]
    except ASN1_ERRORS as error:
        raise FormatError(messages.ARCHIVE_BAD_HASH_INDEX.format(error=error)) from error
    return algorithm, *lists, values[0].dump()


def _missing(listed, present_encodings, digest_name):
    present = {gost.new(digest_name, encoding).digest() for encoding in present_encodings}
    return [digest for digest in listed if digest not in present]


def _unsigned_encodings(signer_info):
    """attrType || one AttributeValue, for every value of every unsigned attribute (5.5.2)."""
    attrs = signer_info["unsigned_attrs"]
    if isinstance(attrs, core.Void):
        return []
    return [attribute["type"].dump() + value.dump() for attribute in attrs for value in attribute["values"]]


def _check_index(index, signed_data, signer_info):
    digest_name, certificates, crls, unsigned, _ = index
    for listed, present in ((certificates, [item.dump() for item in signed_data["certificates"]]),
                            (crls, [item.dump() for item in signed_data["crls"]]),
                            (unsigned, _unsigned_encodings(signer_info))):
        if _missing(listed, present, digest_name):
            raise FormatError(messages.ARCHIVE_INDEX_MISMATCH)


def archive_data(signed_data, signer_info, content_digest, index_der):
    """The octets the archive-time-stamp-v3 imprint is computed over (EN 319 122-1, 5.5.3)."""
    fields = [signer_info[name].dump() for name in ("version", "sid", "digest_algorithm")]
    if not isinstance(signer_info["signed_attrs"], core.Void):
        fields.append(signer_info["signed_attrs"].dump())
    fields += [signer_info["signature_algorithm"].dump(), signer_info["signature"].dump()]
    return signed_data["encap_content_info"]["content_type"].dump() + content_digest + b"".join(fields) + index_der


def _verify_v3(token_der, signed_data, signer_info, digest_of, verify_tsa):
    """ArchiveStamp of a valid archive-time-stamp-v3; FormatError naming why it is not."""
    token_signed_data, tst_bytes, tst_info = read_token(token_der)
    index = _hash_index(token_signed_data)
    _check_index(index, signed_data, signer_info)
    imprint = tst_info["message_imprint"]
    digest_name = oids.DIGESTS.get(imprint["hash_algorithm"]["algorithm"].dotted)
    if digest_name is None:
        raise FormatError(messages.TIMESTAMP_IMPRINT_WRONG)
    data = archive_data(signed_data, signer_info, digest_of(digest_name), index[-1])
    budget.spend(len(data) >> 20)  # a unit a megabyte: many timestamps over big embedded CRLs add up
    if not hmac.compare_digest(gost.new(digest_name, data).digest(), imprint["hashed_message"].native):
        raise FormatError(messages.ARCHIVE_IMPRINT_WRONG)
    gen_time = tst_info["gen_time"].native
    tsa_report = verify_tsa(token_signed_data, tst_bytes, gen_time)
    if tsa_report.indication != r.TOTAL_PASSED:
        raise FormatError(messages.TIMESTAMP_SIGNATURE_WRONG.format(reason=tsa_report.reason))
    return ArchiveStamp(gen_time, tsa_report.identity.common_name if tsa_report.identity else "?")


def check_archive_timestamps(signer_report, unsigned, signed_data, signer_info, digest_of, verify_tsa):
    """Adds an "archive_timestamp" check per archive timestamp: PASSED with its time and TSA, or a
    WARNING with the reason (a broken one is never valid; like a broken signature timestamp it
    does not make the signature itself worse). Returns the valid ArchiveStamps."""
    valid = []
    for token in unsigned.get(ATTR_ARCHIVE_TIMESTAMP_V3, []):
        try:
            stamp = _verify_v3(token.dump(), signed_data, signer_info, digest_of, verify_tsa)
        except (FormatError, KeyError, *ASN1_ERRORS) as error:
            signer_report.add("archive_timestamp", r.WARNING, messages.ARCHIVE_BROKEN.format(error=error))
            continue
        valid.append(stamp)
        signer_report.add("archive_timestamp", r.PASSED,
                          messages.ARCHIVE_OK.format(moment=f"{stamp.time:%d.%m.%Y %H:%M:%S} UTC", tsa=stamp.tsa))
    for oid in OLD_ARCHIVE_TIMESTAMPS:
        for _token in unsigned.get(oid, []):
            signer_report.add("archive_timestamp", r.WARNING, messages.ARCHIVE_OLD_NOT_CHECKED)
    signer_report.archive_timestamps = [{"time": stamp.time, "tsa": stamp.tsa} for stamp in valid]
    return valid
