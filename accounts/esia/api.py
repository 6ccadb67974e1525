"""ESIA's REST data about the person and the organisations ESIA links them to.

Resources (methodical recommendations, «Получение данных о пользователе» and «об организации»):
with the person's token /rs/prns/{oid}, /rs/prns/{oid}/ctts, /docs, /addrs and /roles (scope usr_org: the
organisations the person is an employee of, with only what the role says of them); with an
organisation-scoped token (org_access.py) /rs/orgs/{org_oid}, /rs/orgs/{org_oid}/addrs, /ctts.
`person_data` (the social account's extra_data):
{"oid", "person": {lastName, firstName, middleName, birthDate, snils, inn, trusted}, "email", "mobile", "address",
 "passport": {series, number, issueDate, issuedBy} | None,
 "orgs": [{oid, fullName, shortName, ogrn, type, chief, position}]}.
`organisation_data`: {oid, fullName, shortName, ogrn, inn, kpp, type, chief, position, phone, email,
 addresses: {legal, postal}}.
Contacts and documents count only when ESIA marks them VERIFIED. Raises ESIAError ("data" when ESIA
refuses a resource to the token, e.g. organisation data asked with a person-only token).
"""

import requests
from django.conf import settings

from accounts.esia.errors import ESIAError

EMBED = {"embed": "(elements)"}


class Reader:
    def __init__(self, access_token):
        self.headers = {"Authorization": f"Bearer {access_token}"}

    def get(self, path, params=None):
        try:
            response = requests.get(settings.ESIA_BASE_URL + path, params=params, headers=self.headers,
                                    timeout=settings.ESIA_TIMEOUT_SECONDS)
        except requests.RequestException as exc:
            raise ESIAError("unreachable", detail=str(exc)) from exc
        if response.status_code != 200:
            raise ESIAError("unreachable" if response.status_code >= 500 else "data",
                            detail=f"{path} {response.status_code}")
        try:
            return response.json()
        except ValueError as exc:
            raise ESIAError("data", detail=path) from exc

    def elements(self, path):
        answer = self.get(path, EMBED)
        items = answer.get("elements") if isinstance(answer, dict) else None
        return [item for item in items or [] if isinstance(item, dict)]


def _verified(item):
    return item.get("vrfStu") == "VERIFIED"


def _contact(contacts, kind):
    return next((item.get("value", "") for item in contacts if item.get("type") == kind and _verified(item)), "")


def _passport(documents):
    for item in documents:
        if item.get("type") == "RF_PASSPORT" and _verified(item):
            return {key: item.get(key, "") for key in ("series", "number", "issueDate", "issuedBy")}
    return None


def _role(role):
    keep = ("fullName", "shortName", "ogrn", "type", "position")
    return {"oid": str(role["oid"]), "chief": bool(role.get("chief")), **{key: role.get(key, "") for key in keep}}


def organisation_data(access_token, role):
    """The organisation's data read with the organisation-scoped token; `role` is its entry of the person's
    «orgs» (what ESIA said of the person's role in it at login). ESIAError("org_data") when ESIA refuses."""
    try:
        return _organisation(Reader(access_token), role)
    except ESIAError as exc:
        if exc.kind != "data":
            raise
        raise ESIAError("org_data", exc.code, exc.detail) from exc


def _organisation(reader, role):
    org = reader.get("/rs/orgs/{}".format(role["oid"]))
    if not isinstance(org, dict) or not (org.get("ogrn") or org.get("inn")):
        raise ESIAError("data", detail="organisation without OGRN/INN")
    addresses = {item.get("type"): item.get("addressStr", "")
                 for item in reader.elements("/rs/orgs/{}/addrs".format(role["oid"]))}
    contacts = reader.elements("/rs/orgs/{}/ctts".format(role["oid"]))
    return {
        "oid": str(role["oid"]), "fullName": org.get("fullName", role.get("fullName", "")),
        "shortName": org.get("shortName", role.get("shortName", "")), "ogrn": org.get("ogrn", role.get("ogrn", "")),
        "inn": org.get("inn", ""), "kpp": org.get("kpp", ""), "type": org.get("type", role.get("type", "")),
        "chief": bool(role.get("chief")), "position": role.get("position", ""),
        "phone": _contact(contacts, "OPH"), "email": _contact(contacts, "OEM"),
        "addresses": {"legal": addresses.get("OLG", ""), "postal": addresses.get("OPS", "")},
    }


def person_data(access_token, oid):
    reader = Reader(access_token)
    person = reader.get(f"/rs/prns/{oid}")
    if not isinstance(person, dict) or not person.get("lastName"):
        raise ESIAError("data", detail="no name")
    contacts = reader.elements(f"/rs/prns/{oid}/ctts")
    roles = [role for role in reader.elements(f"/rs/prns/{oid}/roles")
             if role.get("oid") and role.get("active", True)]
    addresses = {item.get("type"): item.get("addressStr", "") for item in reader.elements(f"/rs/prns/{oid}/addrs")}
    keep = ("lastName", "firstName", "middleName", "birthDate", "snils", "inn", "trusted")
    return {
        "oid": str(oid),
        "person": {key: person.get(key, "") for key in keep},
        "email": _contact(contacts, "EML"),
        "mobile": _contact(contacts, "MBT"),
        "address": addresses.get("PRG", ""),
        "passport": _passport(reader.elements(f"/rs/prns/{oid}/docs")),
        "orgs": [_role(role) for role in roles],
    }
