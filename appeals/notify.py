"""Seed 003: the applicant gets an e-mail (and an SMS when the phone is confirmed) when the appeal is
registered and on every status change, the answer included."""

from django.conf import settings
from django.urls import reverse

from appeals.choices import Status
from notifications.services import queue_email, queue_sms


def notify_status_change(appeal, event):
    """Called inside the transition's transaction: the rows commit (or roll back) with it."""
    applicant = appeal.applicant
    context = {
        "number": appeal.number,
        "status": appeal.get_status_display(),
        "topic": appeal.topic.name,
        "name": applicant.display_name,
        "registered": appeal.status == Status.ACCEPTED,
        "due_date": appeal.due_date.strftime("%d.%m.%Y"),
        "answer": appeal.answer if appeal.status == Status.ANSWERED else "",
        "url": settings.SITE_URL + reverse("appeals:detail", args=[appeal.pk]),
    }
    if applicant.email:
        queue_email(to=applicant.email, template="appeal_status", context=context, user=applicant)
    if applicant.phone_confirmed:
        queue_sms(to=applicant.phone, template="appeal_status", context=context, user=applicant)


def notify_correction(appeal, event):
    """A staff correction of the appeal's details: what changed and why, by e-mail and SMS."""
    applicant = appeal.applicant
    context = {"number": appeal.number, "name": applicant.display_name, "comment": event.comment,
               "url": settings.SITE_URL + reverse("appeals:detail", args=[appeal.pk])}
    if applicant.email:
        queue_email(to=applicant.email, template="appeal_corrected", context=context, user=applicant)
    if applicant.phone_confirmed:
        queue_sms(to=applicant.phone, template="appeal_corrected", context=context, user=applicant)
