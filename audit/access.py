"""The access log: who viewed or downloaded personal data, when, from which address, and what.

Rows are django-auditlog LogEntry rows with action ACCESS, so changes and views are searched together
(audit.views). `additional_data` holds {"what": <kind of view>, "subject": <user id of the person>}.
"""

from auditlog.models import LogEntry

from audit.middleware import client_ip
from audit.subjects import subject_of

# what -> the Russian words shown on the audit page (audit/templates/audit/log.html)
KINDS = ("profile", "settings", "application", "document", "zip", "receipt", "signature_report", "appeal",
         "appeal_file", "admin_view", "history")


def record_access(request, obj, *, what, subject=None):
    """Append one access row for `obj` seen by `request.user`. `subject` (a user id) defaults to the
    person the object belongs to (audit.subjects). Returns the row.

    Source: 152-FZ art. 19 part 2 (registration of actions with personal data), ASVS V8.3.
    """
    user = request.user if request.user.is_authenticated else None
    data = {"what": what, "subject": subject if subject is not None else subject_of(obj), "path": request.path}
    return LogEntry.objects.log_create(
        obj, force_log=True, action=LogEntry.Action.ACCESS, actor=user,
        actor_email=getattr(user, "email", None), remote_addr=client_ip(request), additional_data=data,
    )


class AccessLoggedAdminMixin:
    """For a ModelAdmin whose change page shows personal data: each opening of it is an access row."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        original = (getattr(response, "context_data", None) or {}).get("original")
        if request.method == "GET" and response.status_code == 200 and original is not None:
            record_access(request, original, what="admin_view")
        return response


def record_lookup(request, model, *, what, query, found, subject=None):
    """One access row for a search that showed people's data to `request.user` (the front office's
    suggestions, issue 15 «Privacy»): what was typed, how many answers and which people (user ids, or
    row ids of `model`) they showed. `model` names the kind of rows searched. Returns the row."""
    from django.contrib.contenttypes.models import ContentType

    user = request.user if request.user.is_authenticated else None
    data = {"what": what, "query": query[:200], "results": len(found), "found": list(found)[:50],
            "path": request.path}
    if subject is not None:
        data["subject"] = subject
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model), object_pk="", object_id=None,
        object_repr=f"«{query[:100]}»", action=LogEntry.Action.ACCESS, actor=user,
        actor_email=getattr(user, "email", None), remote_addr=client_ip(request), additional_data=data,
    )
