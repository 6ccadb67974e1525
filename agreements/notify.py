"""The organisation gets an e-mail at its contact address on every status change of its agreement;
the acceptance e-mail carries the login and a one-time set-password link (never a password)."""

from django.conf import settings
from django.urls import reverse

from agreements.choices import Status
from agreements.organisation import set_password_url
from notifications.services import queue_email


def notify_status_change(agreement, event):
    """Called inside the transition's transaction: the rows commit (or roll back) with it."""
    context = {
        "name": agreement.org_short_name,
        "signer": agreement.signer_name,
        "number": agreement.number or "",
        "date": agreement.concluded_on.strftime("%d.%m.%Y") if agreement.concluded_on else "",
        "status": agreement.get_status_display(),
        "comment": event.comment,
        "url": _link(agreement),
        "status_code": agreement.status,
    }
    if agreement.status == Status.ACCEPTED:
        user = agreement.organisation
        context.update(login=user.username, set_password_url=set_password_url(user))
        queue_email(to=agreement.email, template="agreement_accepted", context=context, user=user)
    else:
        queue_email(to=agreement.email, template="agreement_status", context=context, user=agreement.organisation)


def _link(agreement):
    """Where the e-mail leads: a rejected agreement to «Заключить заново» with its requisites, one with
    an account to the organisation's agreement page (after login), a draft or one under review to its page."""
    if agreement.status == Status.REJECTED:
        path = reverse("agreements:renew", args=[agreement.token])
    elif agreement.organisation_id:
        path = reverse("agreements:mine")
    else:
        path = reverse("agreements:detail", args=[agreement.token])
    return settings.SITE_URL + path
