"""The signer's identity as Russian qualified certificates state it (FSB order No. 795)."""

from dataclasses import asdict, dataclass, field

from asn1crypto import core

from . import oids
from .asn1 import ASN1_ERRORS
from .certs import extension_value
from .report import messages

# Applicant kinds, as the portal names them.
LEGAL_ENTITY = "legal_entity"
SOLE_PROPRIETOR = "sole_proprietor"
INDIVIDUAL = "individual"

_NAME_OIDS = {
    "2.5.4.3": "common_name",
    "2.5.4.4": "surname",
    "2.5.4.42": "given_name",
    "2.5.4.10": "organization",
    "2.5.4.11": "organizational_unit",
    "2.5.4.12": "title",
    "1.2.840.113549.1.9.1": "email",
    "2.5.4.7": "locality",
    "2.5.4.8": "region",
    "2.5.4.9": "street",
    "2.5.4.6": "country",
    oids.INN: "inn",
    oids.INNLE: "innle",
    oids.OGRN: "ogrn",
    oids.OGRNIP: "ogrnip",
    oids.SNILS: "snils",
}


@dataclass
class SignerIdentity:
    common_name: str = ""
    surname: str = ""
    given_name: str = ""  # Russian certificates put the name and patronymic here
    organization: str = ""
    organizational_unit: str = ""
    title: str = ""
    email: str = ""
    locality: str = ""
    region: str = ""
    street: str = ""
    country: str = ""
    inn: str = ""
    innle: str = ""
    ogrn: str = ""
    ogrnip: str = ""
    snils: str = ""
    issuer: str = ""
    serial: str = ""
    not_before: str = ""
    not_after: str = ""
    subject_sign_tool: str = ""
    issuer_sign_tool: list = field(default_factory=list)
    qualified_classes: list = field(default_factory=list)  # protection classes KC1 … KA1

    @property
    def short_name(self):
        """Surname and initials ("Ivanov I. I.") from surname and given name, else the common name."""
        if not self.surname:
            return self.common_name
        initials = " ".join(part[0] + "." for part in self.given_name.split() if part)
        return ("%s %s" % (self.surname, initials)).strip()

    @property
    def applicant_kind(self):
        """Legal entity when the certificate has an OGRN or INNLE, sole proprietor with an OGRNIP."""
        if self.ogrn or self.innle:
            return LEGAL_ENTITY
        if self.ogrnip:
            return SOLE_PROPRIETOR
        return INDIVIDUAL

    def as_dict(self):
        return asdict(self)


def _text(value):
    if isinstance(value, (str, int)):
        return str(value).strip()
    if isinstance(value, dict):  # a DirectoryString choice already resolved
        return " ".join(_text(v) for v in value.values())
    return str(value or "").strip()


def _name_fields(name):
    found = {}
    for rdn in name.chosen:
        for type_and_value in rdn:
            key = _NAME_OIDS.get(type_and_value["type"].dotted)
            if key and key not in found:
                found[key] = _text(type_and_value["value"].native)
    return found


def _extension_value(cert, oid):
    for extension in cert["tbs_certificate"]["extensions"]:
        if extension["extn_id"].dotted == oid:
            return core.load(extension["extn_value"].native)
    return None


def _sign_tools(cert):
    subject_tool = _extension_value(cert, oids.SUBJECT_SIGN_TOOL)
    issuer_tool = _extension_value(cert, oids.ISSUER_SIGN_TOOL)
    subject_text = _text(subject_tool.native) if subject_tool is not None else ""
    parts = issuer_tool.native if issuer_tool is not None else []
    if isinstance(parts, dict):  # a generic SEQUENCE comes back as {"0": ..., "1": ...}
        parts = list(parts.values())
    issuer_list = [_text(part) for part in parts]
    return subject_text, [part for part in issuer_list if part]


def _qualified_classes(cert):
    policies = extension_value(cert, "2.5.29.32") or []
    return [
        messages.QUALIFIED_CLASS_NAMES[policy["policy_identifier"].dotted]
        for policy in policies
        if policy["policy_identifier"].dotted in messages.QUALIFIED_CLASS_NAMES
    ]


def _old_style_innle(identity):
    """Before 2021 an organisation's INN went into the INN attribute as "00" + its 10 digits (ViPNet's
    test certificates still do that). No personal INN starts with "00" (region codes start at 01), so in
    an organisation's certificate (OGRN, or an organisation name and no OGRNIP) it is the INNLE."""
    inn = identity.inn.strip()
    organisation = identity.ogrn or (identity.organization and not identity.ogrnip)
    if not identity.innle and organisation and len(inn) == 12 and inn.startswith("00") and inn.isdigit():
        identity.innle, identity.inn = inn[2:], ""


def identity_from_certificate(info) -> SignerIdentity:
    """Fields from a CertificateInfo; odd extensions are skipped rather than failing the report."""
    try:
        identity = SignerIdentity(**_name_fields(info.subject))
        _old_style_innle(identity)
    except ASN1_ERRORS:
        identity = SignerIdentity()
    identity.issuer = info.issuer_text
    identity.serial = info.serial_hex
    identity.not_before = info.not_before.isoformat()
    identity.not_after = info.not_after.isoformat()
    try:
        identity.subject_sign_tool, identity.issuer_sign_tool = _sign_tools(info.asn1)
        identity.qualified_classes = _qualified_classes(info.asn1)
    except ASN1_ERRORS:
        pass
    return identity
