"""A bound on the work one verification may do, whatever the signature file holds.

The «Проверка ЭП» page is public, and one CMS file may carry thousands of signer infos, countersignatures,
timestamps, certificates, CRLs or attribute values, each costing time (a GOST signature check takes
milliseconds, parsing a certificate about one). `verify_cms` opens a budget; past it, `WorkLimitExceeded`
ends the verification and the report is INDETERMINATE: the portal did not check everything, so it
cannot say "invalid" (ETSI EN 319 102-1 §5.1.3: the validation could not be completed).

Two counts: CHECKS - every signature value checked (keys.verify_signature_value), every signer info
verified, every certificate, CRL and OCSP response the file carries; VALUES - the attributes and
attribute values of the signer infos (cheap each, but asn1crypto parses a whole SET at once, so they are
counted from their headers first: asn1.count_values). A CAdES-A with three signers, X-L values and
archive timestamps uses about a third of MAX_CHECKS.

`WorkLimitExceeded` is a BaseException on purpose: checks that must not fail a verification catch
Exception (an unreadable OCSP answer, say), and this must pass through them to verify_cms.
"""

from contextlib import contextmanager
from contextvars import ContextVar

CHECKS, VALUES = "checks", "values"
LIMITS = {CHECKS: 300, VALUES: 20_000}

_spent = ContextVar("signing_work_spent", default=None)


class WorkLimitExceeded(BaseException):  # noqa: N818 - an interruption like KeyboardInterrupt, not an error
    pass


@contextmanager
def opened():
    token = _spent.set(dict.fromkeys(LIMITS, 0))
    try:
        yield
    finally:
        _spent.reset(token)


def spend(units=1, kind=CHECKS):
    """Count `units` of work; raises WorkLimitExceeded past the open budget (none open: unlimited)."""
    spent = _spent.get()
    if spent is None:
        return
    spent[kind] += units
    if spent[kind] > LIMITS[kind]:
        raise WorkLimitExceeded


def remaining(kind=CHECKS):
    """Units left in the open budget (a large number when none is open)."""
    spent = _spent.get()
    return 1 << 30 if spent is None else max(LIMITS[kind] - spent[kind], 0)
