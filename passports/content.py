"""The canonical document an organisation signs: the passport as sorted, indented UTF-8 JSON.

It is rendered once, when the passport passes the check, and stored with its SHA-256; signing, the
download and the reviewer all use those stored bytes, so what was signed never changes."""

import hashlib
import json

from django.utils import translation

FORMAT = "portal.house-passport/1"


def _value(value):
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value) if not isinstance(value, (bool, int, str)) else value


def _choice(instance, field):
    code = getattr(instance, field)
    return {"code": code, "label": str(getattr(instance, f"get_{field}_display")())} if code else None


def _general(passport):
    data = {name: _value(getattr(passport, name))
            for name in ("year_built", "floors", "entrances", "flats", "total_area", "living_area")}
    return {**data, "wall_material": _choice(passport, "wall_material"), "energy_class": passport.energy_class or None}


def _system(system):
    return {
        "kind": _choice(system, "kind"), "supply": _choice(system, "supply"), "state": _choice(system, "state"),
        "meter": {"installed": system.meter_installed, "number": system.meter_number or None,
                  "verified_on": _value(system.meter_verified_on)},
    }


def passport_document(passport):
    """The passport as a plain dict (labels in Russian: the signed text is read by people too)."""
    with translation.override("ru"):
        return {
            "format": FORMAT,
            "passport_id": passport.pk,
            "reporting_date": _value(passport.reporting_date),
            "building": {"address": passport.address.full_text, "gar_object_id": passport.address.gar_object_id},
            "general": _general(passport),
            "engineering_systems": [_system(system) for system in passport.systems_in_order()],
            "managing_organisation": {"name": passport.manager_name, "inn": passport.manager_inn},
        }


def render_content(passport):
    """(text, sha256 hex) of the canonical rendering."""
    text = json.dumps(passport_document(passport), ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    return text, hashlib.sha256(text.encode("utf-8")).hexdigest()
