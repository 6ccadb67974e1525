"""The stored report (VerificationReport.to_dict()) turned into rows a template can show.

The report's own sentences are Russian already (signing/cms/report/messages.py); labels around them
go through gettext like the rest of the UI.
"""

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from .cms.report import messages as report_messages

CHECK_TITLES = {
    "algorithm": _("Algorithms"),
    "content_type": _("Content type"),
    "message_digest": _("Document integrity"),
    "signing_time": _("Signing time"),
    "signing_certificate": _("Signer's certificate reference"),
    "signature_value": _("Signature value"),
    "certificate_chain": _("Chain to a trusted certificate"),
    "certificate_validity": _("Certificate validity"),
    "certificate_constraints": _("Certificate constraints"),
    "revocation": _("Revocation"),
    "timestamp": _("Signature timestamp"),
    "archive_timestamp": _("Archive timestamp"),
    "certificate_purpose": _("Certificate purpose"),
    "certificate_path_rules": _("Certification path (RFC 5280)"),
    "countersignature": _("Countersignature"),
}
RESULT_TITLES = {"passed": _("passed"), "failed": _("failed"), "warning": _("warning"), "skipped": _("skipped")}
RESULT_CLASSES = {"passed": "success", "failed": "danger", "warning": "warning", "skipped": "secondary"}
INDICATION_CLASSES = {"TOTAL_PASSED": "success", "TOTAL_FAILED": "danger", "INDETERMINATE": "warning"}

IDENTITY_ROWS = [
    ("common_name", _("Name")), ("title", _("Position")), ("organization", _("Organisation")),
    ("inn", _("INN")), ("innle", _("INN of the legal entity")), ("ogrn", _("OGRN")), ("ogrnip", _("OGRNIP")),
    ("snils", _("SNILS")), ("email", _("E-mail")), ("issuer", _("Issued by")), ("serial", _("Serial number")),
]


def _moment(value):
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _checks(signer):
    return [{
        "title": CHECK_TITLES.get(check.get("name"), check.get("name")),
        "result": RESULT_TITLES.get(check.get("result"), check.get("result")),
        "css": RESULT_CLASSES.get(check.get("result"), "secondary"),
        "message": check.get("message", ""),
    } for check in signer.get("checks", [])]


def _identity(identity):
    rows = [(label, identity.get(key)) for key, label in IDENTITY_ROWS if identity.get(key)]
    return {
        "rows": rows,
        "not_before": _moment(identity.get("not_before")),
        "not_after": _moment(identity.get("not_after")),
        "qualified_classes": identity.get("qualified_classes") or [],
        "subject_sign_tool": identity.get("subject_sign_tool", ""),
    }


def _timestamp(signer):
    stamp = signer.get("timestamp")
    if not stamp:
        return None
    return {"time": _moment(stamp.get("time")), "tsa": stamp.get("tsa", ""),
            "digest": stamp.get("digest_algorithm", "")}


def signers(report):
    """One dict per signer: indication, identity rows, validity, algorithms, signing time, timestamp,
    checks, chain, countersigners (the same shape) and the attributes left unchecked."""
    return _signers((report or {}).get("signers", []))


def _signers(items):
    result = []
    for signer in items:
        identity = signer.get("identity") or {}
        result.append({
            "indication": signer.get("indication", ""),
            "subindication": signer.get("subindication") or "",
            "css": INDICATION_CLASSES.get(signer.get("indication"), "secondary"),
            "identity": _identity(identity),
            "algorithm": report_messages.ALGORITHM_TITLES.get(signer.get("algorithm"), signer.get("algorithm", "")),
            "digest": report_messages.DIGEST_TITLES.get(signer.get("digest_algorithm"),
                                                        signer.get("digest_algorithm", "")),
            "signing_time": _moment(signer.get("signing_time")),
            "checks": _checks(signer),
            "chain": signer.get("chain", []),
            "timestamp": _timestamp(signer),
            "countersigners": _signers(signer.get("countersigners", [])),
            "other_attributes": signer.get("other_attributes", []),
        })
    return result


def verdict_class(indication):
    return INDICATION_CLASSES.get(indication, "secondary")
