"""Checks on a built certificate path: validity at the reference time, basicConstraints and keyUsage,
and revocation against the stored CRLs. Each adds a Check to the signer's report."""

from . import report as r
from .chain import signed_object_is_valid
from .errors import FormatError
from .report import messages

_SIGNING_USAGES = {"digital_signature", "non_repudiation"}


def _who(position, cert):
    return messages.SIGNER_CERTIFICATE if position == 0 else messages.CA_CERTIFICATE.format(subject=cert.subject_text)


def _day(moment):
    return moment.strftime("%d.%m.%Y")


def check_validity(signer_report, path, when):
    for position, cert in enumerate(path):
        if when < cert.not_before:
            message = messages.NOT_YET_VALID.format(who=_who(position, cert), day=_day(cert.not_before))
            return signer_report.add("certificate_validity", r.FAILED, message, r.NOT_YET_VALID)
        if when > cert.not_after:
            message = messages.EXPIRED.format(who=_who(position, cert), day=_day(cert.not_after))
            return signer_report.add("certificate_validity", r.FAILED, message, r.OUT_OF_BOUNDS_NO_POE)
    return signer_report.add("certificate_validity", r.PASSED, messages.VALIDITY_OK)


def _constraint_problem(position, cert, store):
    """A reason the cert may not play its part in the path, or None."""
    if position == 0:
        if cert.key_usage is not None and not cert.key_usage & _SIGNING_USAGES:
            return messages.NOT_FOR_SIGNING
        return None
    if cert.is_ca is False or (cert.is_ca is None and not store.is_anchor(cert)):
        return messages.NOT_A_CA.format(who=_who(position, cert))
    if cert.key_usage is not None and "key_cert_sign" not in cert.key_usage:
        return messages.CANNOT_SIGN_CERTIFICATES.format(who=_who(position, cert))
    intermediates_below = position - 1
    if cert.path_length is not None and intermediates_below > cert.path_length:
        return messages.PATH_TOO_LONG.format(who=_who(position, cert))
    return None


def check_constraints(signer_report, path, store):
    for position, cert in enumerate(path):
        problem = _constraint_problem(position, cert, store)
        if problem:
            return signer_report.add("certificate_constraints", r.FAILED, problem, r.CHAIN_CONSTRAINTS_FAILURE)
    return signer_report.add("certificate_constraints", r.PASSED, messages.CONSTRAINTS_OK)


def _valid_crls(store, cert, issuer):
    """CRLs for cert's issuer that the issuer's key really signed."""
    valid = []
    for crl in store.crls_for(cert.issuer):
        try:
            if signed_object_is_valid(issuer, crl.tbs_der, crl.signature_algorithm,
                                      crl.signature_parameters, crl.signature_value):
                valid.append(crl)
        except FormatError:
            continue
    return valid


def _revocation_of(position, revoked_at, when):
    if position > 0:
        return r.REVOKED_CA_NO_POE
    # Revoked before the (claimed) signing time: the signature is certainly bad. Revoked after it: a
    # bare signing-time attribute proves nothing, so the verdict cannot be positive either.
    return r.REVOKED if revoked_at <= when else r.REVOKED_NO_POE


def _stale(crls, now):
    """All of an issuer's CRLs are past their nextUpdate: a certificate revoked since would not be on
    them. Returns the latest nextUpdate then, else None."""
    if now is None or any(crl.next_update is None or crl.next_update >= now for crl in crls):
        return None
    return max(crl.next_update for crl in crls)


def check_revocation(signer_report, path, store, when, now=None):
    """Revocation of each certificate of the path by its issuer's CRLs. `when` is the signing time (a
    revocation before it is fatal), `now` the validation time (CRLs older than it are out of date)."""
    missing, stale = [], []
    for position, cert in enumerate(path[:-1]):
        issuer = path[position + 1]
        crls = _valid_crls(store, cert, issuer)
        if not crls:
            missing.append(issuer.subject_text)
            continue
        for crl in crls:
            revoked_at = crl.revoked.get(cert.serial)
            if revoked_at is not None:
                message = messages.REVOKED.format(who=_who(position, cert), day=_day(revoked_at))
                return signer_report.add("revocation", r.FAILED, message,
                                         _revocation_of(position, revoked_at, when))
        due = _stale(crls, now)
        if due is not None:
            stale.append(messages.STALE_CRL_ISSUER.format(issuer=issuer.subject_text, day=_day(due)))
    problems = []
    if missing:
        problems.append(messages.NO_CRL.format(issuers="; ".join(missing)))
    if stale:
        problems.append(messages.STALE_CRL.format(issuers="; ".join(stale)))
    if problems:
        return signer_report.add("revocation", r.WARNING, "; ".join(problems))
    return signer_report.add("revocation", r.PASSED, messages.NOT_REVOKED)
