"""The organisation gets an e-mail at its contact address on every status change of its agreement;
the acceptance e-mail carries the login and a one-time set-password link (never a password)."""

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
    }
    if agreement.status == Status.ACCEPTED:
        user = agreement.organisation
        context.update(login=user.username, set_password_url=set_password_url(user))
        queue_email(to=agreement.email, template="agreement_accepted", context=context, user=user)
    else:
        queue_email(to=agreement.email, template="agreement_status", context=context, user=agreement.organisation)
