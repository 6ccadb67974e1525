"""E-mail delivery through Django's mail API, so settings.EMAIL_BACKEND decides where it goes."""

import smtplib
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from notifications.errors import PermanentDeliveryError, TransientDeliveryError

NOTIFICATION_HEADER = "X-Portal-Notification"


def send_notification_email(notification):
    """Send one e-mail row; returns its Message-ID. Raises a DeliveryError on failure."""
    message = build_message(notification)
    try:
        message.send(fail_silently=False)
    except Exception as error:
        raise classify_email_error(error) from error
    return message.extra_headers["Message-ID"]


def build_message(notification):
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient],
        headers={
            # Stable per row, so a duplicate delivery is recognisable at the receiving end.
            "Message-ID": message_id_for(notification),
            NOTIFICATION_HEADER: str(notification.pk),
        },
    )
    if notification.html_body:
        message.attach_alternative(notification.html_body, "text/html")
    return message


def message_id_for(notification):
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "portal.local"
    stamp = notification.created_at.strftime("%Y%m%d%H%M%S")
    return f"<notification.{notification.pk}.{stamp}@{domain}>"


def classify_email_error(error):
    """Refused recipients and content, malformed addresses are permanent; the rest may pass later."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in error.recipients.values()]
        if codes and all(code >= 500 for code in codes):
            return PermanentDeliveryError(f"Recipient refused: {error.recipients}")
        return TransientDeliveryError(f"Recipient deferred: {error.recipients}")
    if isinstance(error, smtplib.SMTPDataError) and error.smtp_code >= 500:
        # The server refused this message's content. Sender or login refusals are left transient:
        # they are configuration faults, and the messages should go out once someone fixes them.
        return PermanentDeliveryError(f"SMTP {error.smtp_code}: {_text(error.smtp_error)}")
    if isinstance(error, ValueError):  # e.g. a newline in the address (Django refuses the header)
        return PermanentDeliveryError(f"Invalid message: {error}")
    return TransientDeliveryError(f"{type(error).__name__}: {error}")


def _text(raw):
    return raw.decode(errors="replace") if isinstance(raw, bytes) else str(raw)
