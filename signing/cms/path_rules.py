"""RFC 5280 §6.1 checks on a built path beyond basicConstraints/keyUsage (validation.py): critical
extensions the verifier does not process (§4.2: such a certificate must be rejected), name
constraints (§4.2.1.10, §6.1.3 (b)(c)) for directory names, e-mail addresses and DNS names, then the
whole §6.1 algorithm (policies above all) by pyhanko-certvalidator (rfc5280.py)."""

from . import report as r
from .asn1 import ASN1_ERRORS
from .certs import extension_value
from .report import messages
from .rfc5280 import validate_path

# Extensions whose meaning the verifier applies (or that carry no constraint it could break).
PROCESSED_EXTENSIONS = {
    "2.5.29.14",  # subjectKeyIdentifier
    "2.5.29.35",  # authorityKeyIdentifier
    "2.5.29.15",  # keyUsage
    "2.5.29.19",  # basicConstraints
    "2.5.29.37",  # extendedKeyUsage
    "2.5.29.30",  # nameConstraints
    "2.5.29.17",  # subjectAltName (checked against name constraints)
    "2.5.29.18",  # issuerAltName
    "2.5.29.31",  # cRLDistributionPoints
    "2.5.29.32",  # certificatePolicies (policy processing of RFC 5280 §6.1 in rfc5280.py)
    "2.5.29.33",  # policyMappings (rfc5280.py)
    "2.5.29.36",  # policyConstraints (rfc5280.py)
    "2.5.29.54",  # inhibitAnyPolicy (rfc5280.py)
    "1.3.6.1.5.5.7.1.1",  # authorityInfoAccess
    "1.2.643.100.111",  # subjectSignTool (FSB order 795)
    "1.2.643.100.112",  # issuerSignTool
}
_EMAIL_IN_DN = "1.2.840.113549.1.9.1"


def _unknown_critical(path):
    for position, cert in enumerate(path):
        unknown = sorted(cert.critical_extensions - PROCESSED_EXTENSIONS)
        if unknown:
            return position, cert, unknown
    return None


def _rdns(name):
    return [rdn.hashable for rdn in name.chosen]


def _dn_within(name, subtree):
    prefix = _rdns(subtree)
    return _rdns(name)[:len(prefix)] == prefix


def _host_within(host, constraint):
    host, constraint = host.lower().rstrip("."), constraint.lower().rstrip(".")
    if constraint.startswith("."):
        return host.endswith(constraint)
    return host == constraint or host.endswith("." + constraint)


def _email_within(address, constraint):
    address, constraint = address.lower(), constraint.lower()
    if "@" in constraint:
        return address == constraint
    host = address.rpartition("@")[2]
    return host.endswith(constraint) if constraint.startswith(".") else host == constraint


_MATCHERS = {"directory_name": _dn_within, "rfc822_name": _email_within, "dns_name": _host_within}


def _names(cert):
    """(kind, value) of every name of the certificate that name constraints apply to."""
    names = [("directory_name", cert.subject)]
    for rdn in cert.subject.chosen:
        for pair in rdn:
            if pair["type"].dotted == _EMAIL_IN_DN:
                names.append(("rfc822_name", str(pair["value"].native)))
    for general_name in extension_value(cert.asn1, "2.5.29.17") or []:
        if general_name.name in _MATCHERS:
            value = general_name.chosen if general_name.name == "directory_name" else general_name.native
            names.append((general_name.name, value))
    return names


def _subtrees(constraints, field):
    subtrees = constraints[field]
    found = {}
    for subtree in subtrees if subtrees.native is not None else []:
        base = subtree["base"]
        if base.name in _MATCHERS:
            found.setdefault(base.name, []).append(base.chosen if base.name == "directory_name" else base.native)
    return found


def _violation(cert, constraints):
    permitted, excluded = _subtrees(constraints, "permitted_subtrees"), _subtrees(constraints, "excluded_subtrees")
    for kind, value in _names(cert):
        match = _MATCHERS[kind]
        if any(match(value, subtree) for subtree in excluded.get(kind, [])):
            return value
        if kind in permitted and not any(match(value, subtree) for subtree in permitted[kind]):
            return value
    return None


def _name_constraint_problem(path):
    for ca_position in range(len(path) - 1, 0, -1):
        constraints = extension_value(path[ca_position].asn1, "2.5.29.30")
        if constraints is None:
            continue
        for position in range(ca_position - 1, -1, -1):
            cert = path[position]
            if position > 0 and cert.subject == cert.issuer:
                continue  # self-issued intermediates are exempt (§6.1.3 (b))
            name = _violation(cert, constraints)
            if name is not None:
                shown = name.human_friendly if hasattr(name, "human_friendly") else name
                return messages.NAME_CONSTRAINTS_VIOLATED.format(
                    who=messages.SIGNER_CERTIFICATE if position == 0 else cert.subject_text,
                    name=shown, ca=path[ca_position].subject_text)
    return None


def _earlier_failure(signer_report):
    return any(check.result == r.FAILED and check.name in ("certificate_validity", "certificate_constraints")
               for check in signer_report.checks)


def check_path_rules(signer_report, path, when):
    """Adds a "certificate_path_rules" check (FAILED → INDETERMINATE / CHAIN_CONSTRAINTS_FAILURE).
    `when` is the reference time the path is validated at (RFC 5280 §6.1.1 (b))."""
    found = _unknown_critical(path)
    if found is not None:
        position, cert, unknown = found
        who = (messages.SIGNER_CERTIFICATE if position == 0
               else messages.CA_CERTIFICATE.format(subject=cert.subject_text))
        message = messages.UNKNOWN_CRITICAL_EXTENSION.format(who=who, oids=", ".join(unknown))
        return signer_report.add("certificate_path_rules", r.FAILED, message, r.CHAIN_CONSTRAINTS_FAILURE)
    try:
        problem = _name_constraint_problem(path)
    except ASN1_ERRORS as error:
        problem = messages.BAD_NAME_CONSTRAINTS.format(error=error)
    if problem is None and not _earlier_failure(signer_report):
        problem = validate_path(path, when)  # the rest of §6.1, policies above all
    if problem:
        return signer_report.add("certificate_path_rules", r.FAILED, problem, r.CHAIN_CONSTRAINTS_FAILURE)
    return signer_report.add("certificate_path_rules", r.PASSED, messages.PATH_RULES_OK)
