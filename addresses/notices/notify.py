"""The organisation gets an e-mail on every status change of its notice (sent, confirmed, partly
confirmed, rejected); a decision lists the confirmed addresses and the rejected ones with their reasons."""

from django.conf import settings
from django.urls import reverse

from notifications.services import queue_email


def notify_status_change(notice, event):
    """Called inside the transition's transaction: the row commits (or rolls back) with it."""
    organisation = notice.organisation
    if not organisation.email:
        return
    items = list(notice.items.select_related("address"))
    decided = any(item.decision for item in items)
    context = {
        "name": notice.org_name,
        "number": notice.number or "",
        "kind": notice.get_kind_display(),
        "status": notice.get_status_display(),
        # A decision's history comment repeats the per-address lines listed below; the e-mail shows
        # only the reviewer's own words.
        "comment": notice.reviewer_comment if decided else event.comment,
        "addresses": [] if decided else [item.address.full_text for item in items],
        "confirmed": [item.address.full_text for item in items if item.is_confirmed],
        "rejected": [[item.address.full_text, item.reason] for item in items if item.decision and
                     not item.is_confirmed],
        "notes": [item.note for item in items if item.note],
        "url": settings.SITE_URL + reverse("addresses:notice", args=[notice.pk]),
    }
    queue_email(to=organisation.email, template="notice_status", context=context, user=organisation)
