"""E-mail delivery through Django's mail API, so settings.EMAIL_BACKEND decides where it goes."""

import smtplib
import threading
import time
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

from notifications.errors import PermanentDeliveryError, TransientDeliveryError

NOTIFICATION_HEADER = "X-Portal-Notification"
# A connection idle longer than this is closed rather than reused: SMTP servers drop idle clients
# (RFC 5321 asks them to wait 5 minutes, some wait less), and a dropped one would cost a retry.
IDLE_SECONDS = 30

_local = threading.local()  # one connection per worker process (and per thread where tasks run inline)


def send_notification_email(notification):
    """Send one e-mail row; returns its Message-ID. Raises a DeliveryError on failure.

    The connection to the mail server stays open for the next message of this worker (issue 18:
    connecting, EHLO, STARTTLS and AUTH for every message halved the outbox's throughput). After
    any error it is closed, so the retry starts afresh; nothing is resent within a call."""
    message = build_message(notification)
    try:
        message.connection = _open_connection()
        message.send(fail_silently=False)
    except Exception as error:
        close_connection()
        raise classify_email_error(error) from error
    _local.used_at = time.monotonic()
    return message.extra_headers["Message-ID"]


def _open_connection():
    """The worker's open connection, or a new one if there is none, it idled too long or the mail
    settings changed (tests switch backends)."""
    key = (settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_HOST_USER)
    connection = getattr(_local, "connection", None)
    if connection is not None and (_local.key != key or time.monotonic() - _local.used_at > IDLE_SECONDS):
        close_connection()
        connection = None
    if connection is None:
        connection = get_connection(fail_silently=False)
        connection.open()  # opened here, so send_messages() leaves it open
        _local.connection, _local.key, _local.used_at = connection, key, time.monotonic()
    return connection


def close_connection():
    connection, _local.connection = getattr(_local, "connection", None), None
    if connection is not None:
        try:
            connection.close()
        except Exception:  # already broken: nothing more to release
            pass


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
