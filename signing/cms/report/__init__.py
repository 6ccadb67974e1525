"""The verification report, in the vocabulary of the EU DSS validator (ETSI EN 319 102-1).

Check messages and the summary are Russian because they are shown to people as they are; their
wording lives in messages.py.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # identity imports modules that import this package's messages
    from ..identity import SignerIdentity

TOTAL_PASSED = "TOTAL_PASSED"
TOTAL_FAILED = "TOTAL_FAILED"
INDETERMINATE = "INDETERMINATE"

# Sub-indications (ETSI EN 319 102-1, 5.1.3).
FORMAT_FAILURE = "FORMAT_FAILURE"
HASH_FAILURE = "HASH_FAILURE"
SIG_CRYPTO_FAILURE = "SIG_CRYPTO_FAILURE"
REVOKED = "REVOKED"
NOT_YET_VALID = "NOT_YET_VALID"
EXPIRED = "EXPIRED"
OUT_OF_BOUNDS_NO_POE = "OUT_OF_BOUNDS_NO_POE"
REVOKED_NO_POE = "REVOKED_NO_POE"
REVOKED_CA_NO_POE = "REVOKED_CA_NO_POE"
NO_SIGNING_CERTIFICATE_FOUND = "NO_SIGNING_CERTIFICATE_FOUND"
NO_CERTIFICATE_CHAIN_FOUND = "NO_CERTIFICATE_CHAIN_FOUND"
CERTIFICATE_CHAIN_GENERAL_FAILURE = "CERTIFICATE_CHAIN_GENERAL_FAILURE"
CHAIN_CONSTRAINTS_FAILURE = "CHAIN_CONSTRAINTS_FAILURE"
SIGNED_DATA_NOT_FOUND = "SIGNED_DATA_NOT_FOUND"
TRY_LATER = "TRY_LATER"  # no fresh revocation data yet
GENERIC = "GENERIC"  # here: an algorithm the verifier does not implement (not a bad signature)

# Which indication each sub-indication belongs to.
INDICATION_OF = {
    FORMAT_FAILURE: TOTAL_FAILED,
    HASH_FAILURE: TOTAL_FAILED,
    SIG_CRYPTO_FAILURE: TOTAL_FAILED,
    REVOKED: TOTAL_FAILED,
    NOT_YET_VALID: TOTAL_FAILED,
    EXPIRED: TOTAL_FAILED,
    OUT_OF_BOUNDS_NO_POE: INDETERMINATE,
    REVOKED_NO_POE: INDETERMINATE,
    REVOKED_CA_NO_POE: INDETERMINATE,
    NO_SIGNING_CERTIFICATE_FOUND: INDETERMINATE,
    NO_CERTIFICATE_CHAIN_FOUND: INDETERMINATE,
    CERTIFICATE_CHAIN_GENERAL_FAILURE: INDETERMINATE,
    CHAIN_CONSTRAINTS_FAILURE: INDETERMINATE,
    SIGNED_DATA_NOT_FOUND: INDETERMINATE,
    TRY_LATER: INDETERMINATE,
    GENERIC: INDETERMINATE,
}

PASSED = "passed"
FAILED = "failed"
WARNING = "warning"  # informative: e.g. no CRL known for an issuer
SKIPPED = "skipped"


@dataclass
class Check:
    name: str  # a stable code: "message_digest", "signature_value", "revocation", ...
    result: str  # PASSED / FAILED / WARNING / SKIPPED
    message: str = ""
    subindication: str | None = None  # what a FAILED check means for the verdict


@dataclass
class SignerReport:
    indication: str = INDETERMINATE
    subindication: str | None = None
    checks: list = field(default_factory=list)
    algorithm: str = ""
    digest_algorithm: str = ""
    parameter_set: str = ""
    signing_time: datetime | None = None
    identity: SignerIdentity | None = None
    chain: list = field(default_factory=list)  # subjects from the signer to the anchor
    # The signature timestamp used as proof of existence: {"time", "tsa", "digest_algorithm"}.
    timestamp: dict | None = None
    # The time certificates were checked at and where it came from ("timestamp", "signing_time", "now").
    reference_time: datetime | None = None
    reference_time_source: str = ""
    countersigners: list = field(default_factory=list)  # SignerReport of each countersignature
    # Valid archive timestamps (CAdES-A): {"time", "tsa"}.
    archive_timestamps: list = field(default_factory=list)
    ocsp: list = field(default_factory=list)  # OCSP answers used: {"url", "status", "fetched_at", "this_update"}
    # Attributes the verifier did not use, kept raw: {"oid", "name", "signed", "size"}.
    other_attributes: list = field(default_factory=list)

    def add(self, name, result, message="", subindication=None):
        self.checks.append(Check(name, result, message, subindication))
        return result == PASSED

    def _decisive_check(self):
        """The first failed check decides; TOTAL_FAILED outranks INDETERMINATE."""
        failed = [check for check in self.checks if check.result == FAILED]
        total = [check for check in failed if INDICATION_OF[check.subindication] == TOTAL_FAILED]
        return (total or failed or [None])[0]

    def conclude(self):
        decisive = self._decisive_check()
        if decisive is None:
            self.indication, self.subindication = TOTAL_PASSED, None
        else:
            self.indication, self.subindication = INDICATION_OF[decisive.subindication], decisive.subindication
        return self

    @property
    def reason(self):
        decisive = self._decisive_check()
        return decisive.message if decisive else ""

    def all_countersigners(self):
        """Countersigners at any depth (a countersignature may be countersigned in turn)."""
        return [item for signer in self.countersigners for item in (signer, *signer.all_countersigners())]


@dataclass
class VerificationReport:
    indication: str
    subindication: str | None = None
    reason: str = ""
    signers: list = field(default_factory=list)
    validation_time: datetime | None = None
    notes: list = field(default_factory=list)  # remarks on the input, e.g. padding after the DER

    @property
    def valid(self):
        return self.indication == TOTAL_PASSED

    @classmethod
    def failure(cls, subindication, reason, validation_time=None):
        return cls(INDICATION_OF[subindication], subindication, reason, [], validation_time)

    @classmethod
    def from_signers(cls, signers, validation_time):
        """Valid only if every signer is; otherwise the worst signer's verdict is the document's."""
        order = {TOTAL_FAILED: 0, INDETERMINATE: 1, TOTAL_PASSED: 2}
        everyone = [item for signer in signers for item in (signer, *signer.all_countersigners())]
        worst = min(everyone, key=lambda signer: order[signer.indication])
        return cls(worst.indication, worst.subindication, worst.reason, signers, validation_time)

    @property
    def summary(self):
        from .summary import summary_ru

        return summary_ru(self)

    def to_dict(self):
        data = asdict(self)
        data["valid"] = self.valid
        data["summary"] = self.summary
        return _jsonable(data)


def _jsonable(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    return value
