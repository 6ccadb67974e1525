"""Seed 003: the applicant gets an SMS and an e-mail on every status change of an application."""

from django.conf import settings
from django.urls import reverse

from applications.choices import Status
from applications.deadline_labels import deadlines_text
from notifications.services import queue_email, queue_sms


def notify_status_change(application, event):
    """Called inside the transition's transaction: the rows commit (or roll back) with it."""
    applicant = application.applicant
    context = {
        "number": application.number or "",
        "status": application.get_status_display(),
        "comment": event.comment,
        "kind": application.get_kind_display(),
        "name": application.applicant_name,
        "url": settings.SITE_URL + reverse("applications:detail", args=[application.pk]),
        "deadlines": deadlines_text(application),
        "correction_due": (application.due_date.strftime("%d.%m.%Y")
                           if application.status == Status.NEEDS_CORRECTION and application.due_date else ""),
    }
    email = application.email or applicant.email
    if email:
        queue_email(to=email, template="application_status", context=context, user=applicant)
    if applicant.phone_confirmed:
        queue_sms(to=applicant.phone, template="application_status", context=context, user=applicant)


def notify_correction(application, event, *, old_email=""):
    """A staff correction of the applicant's details: the applicant is told what changed and why, at the
    account's e-mail and at the application's e-mail before and after the correction, so a changed
    address cannot hide the correction from its owner."""
    applicant = application.applicant
    context = {
        "number": application.number or "", "comment": event.comment, "name": application.applicant_name,
        "url": settings.SITE_URL + reverse("applications:detail", args=[application.pk]),
    }
    for email in dict.fromkeys(filter(None, (applicant.email, old_email, application.email))):
        queue_email(to=email, template="application_corrected", context=context, user=applicant)
    if applicant.phone_confirmed:
        queue_sms(to=applicant.phone, template="application_corrected", context=context, user=applicant)
