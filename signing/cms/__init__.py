"""CMS/CAdES signature verification without Django: parse, check every signer, build the path to a
trust anchor, and report in the EU DSS vocabulary."""

from .identity import SignerIdentity
from .report import Check, SignerReport, VerificationReport
from .trust import TrustStore
from .verifier import verify_cms

__all__ = ["Check", "SignerIdentity", "SignerReport", "TrustStore", "VerificationReport", "verify_cms"]
