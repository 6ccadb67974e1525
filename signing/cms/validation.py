"""Checks on a built certificate path: validity at the reference time, basicConstraints, keyUsage,
extendedKeyUsage and revocation against CRLs (stored ones and those the signature carries). Each adds
a Check to the signer's report."""

from . import report as r
from .asn1 import ASN1_ERRORS
from .chain import signed_object_is_valid
from .errors import FormatError
from .ocsp import parse_basic
from .report import messages

_SIGNING_USAGES = {"digital_signature", "non_repudiation"}
_MOMENTS = {"timestamp": messages.MOMENT_TIMESTAMP, "signing_time": messages.MOMENT_SIGNING_TIME,
            "now": messages.MOMENT_VALIDATION}


def _who(position, cert):
    return messages.SIGNER_CERTIFICATE if position == 0 else messages.CA_CERTIFICATE.format(subject=cert.subject_text)


def _day(moment):
    return moment.strftime("%d.%m.%Y")


def moment_text(when, source):
    """«на время штампа времени (…)»: which time the certificates were checked at, and where from."""
    return _MOMENTS[source].format(moment=when.strftime("%d.%m.%Y %H:%M:%S UTC"))


def check_validity(signer_report, path, when, source="signing_time"):
    """Every certificate of the path valid at `when`; `source` names where that time came from
    ("timestamp", "signing_time" or "now"), and the message says so."""
    moment = moment_text(when, source)
    for position, cert in enumerate(path):
        if when < cert.not_before:
            message = messages.NOT_YET_VALID.format(who=_who(position, cert), moment=moment, day=_day(cert.not_before))
            return signer_report.add("certificate_validity", r.FAILED, message, r.NOT_YET_VALID)
        if when > cert.not_after:
            message = messages.EXPIRED.format(who=_who(position, cert), moment=moment, day=_day(cert.not_after))
            return signer_report.add("certificate_validity", r.FAILED, message, r.OUT_OF_BOUNDS_NO_POE)
    return signer_report.add("certificate_validity", r.PASSED, messages.VALIDITY_OK.format(moment=moment))


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


def check_purpose(signer_report, cert, purpose):
    """extendedKeyUsage must name `purpose` (RFC 3161 2.3: a TSA certificate has only timeStamping)."""
    if cert.extended_key_usage is None or purpose not in cert.extended_key_usage:
        message = messages.TIMESTAMP_NOT_TSA.format(tsa=cert.subject_text)
        return signer_report.add("certificate_purpose", r.FAILED, message, r.CHAIN_CONSTRAINTS_FAILURE)
    return signer_report.add("certificate_purpose", r.PASSED, "")


_CRL_NUMBER, _DELTA_CRL_INDICATOR, _ISSUING_DISTRIBUTION_POINT = "2.5.29.20", "2.5.29.27", "2.5.29.28"


def _crl_covers(crl, cert):
    """Whether a complete CRL speaks for `cert` (RFC 5280 6.3.3 (b), 5.2.5): a delta CRL alone, a CRL
    with a critical extension the verifier does not know, an indirect CRL, one limited to some reasons,
    to CA certificates (for an end entity) or to end entities (for a CA) proves nothing about it."""
    for oid, value in crl.critical_extensions.items():
        if oid == _CRL_NUMBER:
            continue
        if oid != _ISSUING_DISTRIBUTION_POINT or value is None:
            return False  # deltaCRLIndicator, unknown or unreadable
        try:
            scope = value.native
        except ASN1_ERRORS:
            return False
        if scope["indirect_crl"] or scope["only_some_reasons"] or scope["only_contains_attribute_certs"]:
            return False
        if (scope["only_contains_user_certs"] and cert.is_ca) or (scope["only_contains_ca_certs"] and not cert.is_ca):
            return False
    return True


def _valid_crls(store, cert, issuer):
    """CRLs for cert's issuer that the issuer's key really signed, the issuer being allowed to sign CRLs
    (RFC 5280 6.3.3 (f): cRLSign in keyUsage), and whose scope covers `cert` (_crl_covers)."""
    if issuer.key_usage is not None and "crl_sign" not in issuer.key_usage:
        return []
    valid = []
    for crl in (crl for crl in store.crls_for(cert.issuer) if _crl_covers(crl, cert)):
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


def _revoked(signer_report, position, cert, crls, when, proven):
    """Adds the failed check when a CRL lists `cert` (and returns True); a revocation after a proven
    time of existence (a timestamp) does not touch the signature (ETSI EN 319 102-1, 5.6.2.4)."""
    for crl in crls:
        revoked_at = crl.revoked.get(cert.serial)
        if revoked_at is None or (proven and revoked_at > when):
            continue
        message = messages.REVOKED.format(who=_who(position, cert), day=_day(revoked_at))
        signer_report.add("revocation", r.FAILED, message, _revocation_of(position, revoked_at, when))
        return True
    return False


def _responder_status(store):
    """For ocsp: a delegated responder's status by its issuer's CRLs: "good", "revoked" or None."""
    def status(responder, issuer):
        crls = _valid_crls(store, responder, issuer)
        if not crls:
            return None
        return "revoked" if any(responder.serial in crl.revoked for crl in crls) else "good"
    return status


def _embedded_answer(store, cert, issuer, when, now, proven):
    """An OCSP answer the signature carries that speaks for `cert` at `when`: "revoked" always; "good"
    when it covers `when` (thisUpdate after it, or nextUpdate not before it) and, unless `when` is
    proven by a timestamp, is still current (like a CRL: nextUpdate not past)."""
    for basic in store.ocsp_responses:
        try:
            answer = parse_basic(basic, cert, issuer, responder_status=_responder_status(store))
        except FormatError:
            continue
        if answer.status == "revoked":
            return answer
        covers = answer.this_update >= when or (answer.next_update is not None and answer.next_update >= when)
        current = proven or now is None or answer.next_update is None or answer.next_update >= now
        if answer.status == "good" and covers and current:
            return answer
    return None


def _ocsp_status(signer_report, position, cert, issuer, store, when, now, proven):
    """"revoked" (the failed check added), "checked" or None (no usable OCSP answer). Responses the
    signature carries come first; the responder is asked only without one."""
    answer = _embedded_answer(store, cert, issuer, when, now, proven)
    if answer is None and store.ocsp is not None:
        answer = store.ocsp(cert, issuer, now, responder_status=_responder_status(store))
    if answer is None or answer.status == "unknown":
        return None
    signer_report.ocsp.append({"url": answer.url, "status": answer.status, "fetched_at": answer.fetched_at,
                               "this_update": answer.this_update})
    if answer.status == "revoked" and not (proven and answer.revoked_at > when):
        message = messages.REVOKED_OCSP.format(who=_who(position, cert), day=_day(answer.revoked_at))
        signer_report.add("revocation", r.FAILED, message, _revocation_of(position, answer.revoked_at, when))
        return "revoked"
    return "checked"


def check_revocation(signer_report, path, store, when, now=None, proven=False):
    """Revocation of each certificate of the path by its issuer's CRLs. `when` is the reference time (a
    revocation before it is fatal), `now` the validation time (CRLs older than it are out of date),
    `proven` whether `when` is proven by a timestamp.

    Nothing checked is never "not revoked": it is a warning, and with `store.require_revocation`
    INDETERMINATE / TRY_LATER.
    """
    missing, stale = [], []
    if len(path) == 1:
        missing.append(messages.SELF_SIGNED_NOT_CHECKED)
    for position, cert in enumerate(path[:-1]):
        issuer = path[position + 1]
        crls = _valid_crls(store, cert, issuer)
        if not crls:
            status = _ocsp_status(signer_report, position, cert, issuer, store, when, now, proven)
            if status == "revoked":
                return False
            if status is None:
                missing.append(messages.NO_CRL.format(issuers=issuer.subject_text))
            continue
        if _revoked(signer_report, position, cert, crls, when, proven):
            return False
        due = _stale(crls, now)
        if due is not None:
            stale.append(messages.STALE_CRL_ISSUER.format(issuer=issuer.subject_text, day=_day(due)))
    problems = list(missing)
    if stale:
        problems.append(messages.STALE_CRL.format(issuers="; ".join(stale)))
    if not problems:
        by_ocsp = [(messages.OCSP_ANSWER if item["url"] else messages.OCSP_EMBEDDED).format(
            url=item["url"], moment=f"{item['fetched_at']:%d.%m.%Y %H:%M:%S} UTC") for item in signer_report.ocsp]
        return signer_report.add("revocation", r.PASSED, "; ".join([messages.NOT_REVOKED, *by_ocsp]))
    if store.require_revocation:
        message = messages.NO_FRESH_REVOCATION.format(details="; ".join(problems))
        return signer_report.add("revocation", r.FAILED, message, r.TRY_LATER)
    message = messages.REVOCATION_NOT_CHECKED.format(reason="; ".join(problems))
    return signer_report.add("revocation", r.WARNING, message)
