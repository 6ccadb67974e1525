"""Audit rows as the security officer reads them: who, when, from where, what, whose, which values."""

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

ACTIONS = {
    LogEntry.Action.CREATE: _("Created"),
    LogEntry.Action.UPDATE: _("Changed"),
    LogEntry.Action.DELETE: _("Deleted"),
    LogEntry.Action.ACCESS: _("Viewed"),
}
ACCESS_KINDS = {
    "profile": _("profile"), "settings": _("account settings"), "document": _("document downloaded"),
    "zip": _("documents downloaded as ZIP"), "receipt": _("receipt"), "signature_report": _("signature report"),
    "appeal_file": _("appeal file downloaded"), "admin_view": _("opened in the administration"),
    "intake": _("documents received by the front office"),
    "intake_file": _("representative's document downloaded (front office)"),
    "lookup_organisation": _("organisation suggestions"), "lookup_passport": _("representative suggestions "
                                                                               "by passport number"),
    "lookup_name": _("representative suggestions by name"),
}


def rows_for(entries):
    """One dict per entry for audit/log.html; the subjects are fetched in one query."""
    entries = list(entries)
    subject_ids = {(entry.additional_data or {}).get("subject") for entry in entries} - {None}
    people = get_user_model().objects.in_bulk(subject_ids)
    return [_row(entry, people) for entry in entries]


def _row(entry, people):
    data = entry.additional_data or {}
    subject = people.get(data.get("subject"))
    model = entry.content_type.model_class()
    return {
        "entry": entry,
        "action": ACTIONS.get(entry.action, entry.get_action_display()),
        "is_access": entry.action == LogEntry.Action.ACCESS,
        "actor": entry.actor or entry.actor_email or _("system"),
        "object_type": model._meta.verbose_name if model else entry.content_type.model,
        "subject": subject,
        "details": _details(entry, data, model),
    }


def _details(entry, data, model):
    if entry.action == LogEntry.Action.ACCESS:
        lines = [str(ACCESS_KINDS.get(data.get("what"), data.get("what") or ""))]
        if "query" in data:  # a lookup (audit.access.record_lookup): what was typed and what it showed
            lines.append(_("typed «%(query)s», answers: %(count)s") % {"query": data["query"],
                                                                       "count": data.get("results", 0)})
        return lines
    lines = []
    for name, change in (entry.changes_dict or {}).items():
        label = _field_label(model, name)
        if label is None:
            continue  # a reverse relation or the id: nothing a person changed
        if isinstance(change, dict):  # a many-to-many change: {"type": "m2m", "operation": ..., "objects": [...]}
            sign = "+" if change.get("operation") == "add" else "−"
            lines.append(f"{label}: {sign} {', '.join(map(str, change.get('objects', [])))}")
            continue
        old, new = (list(change) + [None, None])[:2]
        if entry.action == LogEntry.Action.CREATE and _shown(new) == "—":
            continue  # a new row's empty fields say nothing
        lines.append(f"{label}: {_shown(old)} → {_shown(new)}")
    return lines


def _field_label(model, name):
    try:
        field = model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return name
    if field is None:
        return name
    if not field.concrete or field.primary_key:
        return None
    return str(field.verbose_name)


def _shown(value):
    return "—" if value in (None, "", "None") else str(value)
