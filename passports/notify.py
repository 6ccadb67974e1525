"""The organisation gets an e-mail when the municipality receives its passport and on every decision
(accepted, returned with remarks, superseded by a newer one); its own steps (check, sign) send nothing."""

from django.conf import settings
from django.urls import reverse

from notifications.services import queue_email
from passports.choices import NOTIFIED_MOVES


def notify_status_change(passport, event):
    """Called inside the transition's transaction: the rows commit (or roll back) with it."""
    organisation = passport.organisation
    if passport.status not in NOTIFIED_MOVES or not organisation.email:
        return
    queue_email(to=organisation.email, template="passport_status", user=organisation, context={
        "name": passport.manager_name or organisation.display_name,
        "number": passport.number or "",
        "address": passport.address.full_text,
        "status": passport.get_status_display(),
        "status_code": passport.status,
        "due_date": passport.due_date.strftime("%d.%m.%Y") if passport.due_date else "",
        "comment": event.comment,
        "url": settings.SITE_URL + reverse("passports:detail", args=[passport.pk]),
    })
