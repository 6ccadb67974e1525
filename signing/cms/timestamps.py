"""Signature timestamps (CAdES-T, ETSI EN 319 122-1 5.3; RFC 3161 tokens): a verified token's time is
the proof of existence the certificates are checked at (ETSI EN 319 102-1, 5.6.2.2)."""

import hmac
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import tsp

from .. import gost
from . import oids
from . import report as r
from .asn1 import ASN1_ERRORS, load_signed_data
from .errors import FormatError
from .report import messages


@dataclass
class Timestamp:
    time: datetime
    tsa: str
    digest_algorithm: str


def _imprint_matches(tst_info, signature_value):
    imprint = tst_info["message_imprint"]
    digest_name = oids.DIGESTS.get(imprint["hash_algorithm"]["algorithm"].dotted)
    if digest_name is None:
        return None, False
    actual = gost.new(digest_name, signature_value).digest()
    return digest_name, hmac.compare_digest(actual, imprint["hashed_message"].native)


def read_token(token_der):
    """(SignedData, TSTInfo bytes, TSTInfo); FormatError when it is no timestamp token."""
    signed_data = load_signed_data(token_der)
    content_info = signed_data["encap_content_info"]
    if content_info["content_type"].dotted != oids.TST_INFO or content_info["content"].native is None:
        raise FormatError(messages.NOT_SIGNED_DATA.format(oid=content_info["content_type"].dotted))
    tst_bytes = content_info["content"].native
    try:
        tst_info = tsp.TSTInfo.load(tst_bytes)
        if tst_info["gen_time"].native is None or tst_info["message_imprint"].native is None:
            raise FormatError("TSTInfo")
    except ASN1_ERRORS as error:
        raise FormatError(str(error)) from error
    return signed_data, tst_bytes, tst_info


def verify_token(token_der, signature_value, verify_tsa):
    """(Timestamp or None, failure message or None). `verify_tsa(signed_data, tst_bytes, gen_time)`
    verifies the token's own signature and the TSA's path and returns its SignerReport."""
    try:
        signed_data, tst_bytes, tst_info = read_token(token_der)
    except (FormatError, *ASN1_ERRORS) as error:
        return None, messages.TIMESTAMP_BROKEN.format(error=error)
    digest_name, matches = _imprint_matches(tst_info, signature_value)
    if not matches:
        return None, messages.TIMESTAMP_IMPRINT_WRONG
    gen_time = tst_info["gen_time"].native
    tsa_report = verify_tsa(signed_data, tst_bytes, gen_time)
    tsa = tsa_report.identity.common_name if tsa_report.identity else "?"
    if not tsa_report.indication == r.TOTAL_PASSED:
        return None, messages.TIMESTAMP_SIGNATURE_WRONG.format(reason=tsa_report.reason)
    return Timestamp(gen_time, tsa, digest_name), None


def check_timestamps(signer_report, tokens, signature_value, verify_tsa):
    """Adds a "timestamp" check and returns the earliest valid Timestamp, or None. A token that does
    not verify is reported and not used: it cannot make a signature worse than having none."""
    found, failures = [], []
    for token in tokens:
        stamp, failure = verify_token(token.dump(), signature_value, verify_tsa)
        if stamp is not None:
            found.append(stamp)
        else:
            failures.append(failure)
    if not found:
        signer_report.add("timestamp", r.WARNING, "; ".join(failures))
        return None
    best = min(found, key=lambda stamp: stamp.time)
    message = messages.TIMESTAMP_OK.format(moment=best.time.isoformat(), tsa=best.tsa)
    if failures:
        message = "; ".join([message, *failures])
    signer_report.add("timestamp", r.PASSED, message)
    signer_report.timestamp = {"time": best.time, "tsa": best.tsa,
                               "digest_algorithm": messages.DIGEST_TITLES.get(best.digest_algorithm, "")}
    return best
