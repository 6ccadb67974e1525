"""The outbox: queueing messages with their events, delivering them once, re-queueing the stranded.

Other apps call `queue_email` and `queue_sms` inside the transaction of their event. The row is
written there; one Celery task carrying the ids of all the rows the transaction queued is published
only after commit (none while another transaction's task still waits for a worker: that one sends
every due row, notifications.sweep_token), so a rolled-back event sends nothing, and a publish that
fails (Redis down) is caught: the periodic re-queue publishes the rows later.
"""

import logging

from django.conf import settings
from django.db import transaction
from phonenumber_field.phonenumber import PhoneNumber
from phonenumbers import NumberParseException

from notifications import delivery
from notifications.delivery import notification_deliver, notifications_purge  # noqa: F401 (the outbox's API)
from notifications.models import Channel, Notification, Status
from notifications.rendering import (
    email_template_names,
    json_safe,
    render_one_line,
    render_optional_html,
    render_text,
    sms_template_name,
)
from notifications.tasks import publish_notification, publish_notifications

logger = logging.getLogger(__name__)

# Context values that are secrets (links that log in or set a password, confirmation codes) or carry
# the request itself: never stored in the row; the rendered text keeps them only until delivery.
SECRET_CONTEXT_KEYS = frozenset({"password_reset_url", "set_password_url", "activate_url", "key", "code",
                                 "uid", "token", "password", "request"})
SECRET_BEARING_KEYS = SECRET_CONTEXT_KEYS - {"request"}


# --- Queueing (the public API) ----------------------------------------------------------------

def queue_email(*, to: str, template: str, context: dict | None = None, user=None) -> Notification:
    """Render notifications/email/<template>-subject.txt, -body.txt and -body.html; queue the e-mail."""
    context = dict(context or {})
    subject_name, body_name, html_name = email_template_names(template)
    return _enqueue(
        channel=Channel.EMAIL,
        recipient=str(to).strip(),
        template=template,
        context=context,
        user=user,
        subject=render_one_line(subject_name, context),
        body=render_text(body_name, context),
        html_body=render_optional_html(html_name, context),
    )


def queue_sms(*, to, template: str, context: dict | None = None, user=None) -> Notification:
    """Render notifications/sms/<template>.txt and queue the SMS to `to` (PhoneNumber or string)."""
    context = dict(context or {})
    text = render_text(sms_template_name(template), context).strip()
    phone = phone_e164(to)
    fields = dict(channel=Channel.SMS, template=template, context=context, user=user, body=text)
    if phone is None:
        # Nothing to retry: the row records the message as failed instead of breaking the event.
        logger.warning("SMS %r not queued: %r is not a valid phone number", template, str(to))
        return _store(recipient=str(to)[:254], status=Status.FAILED,
                      last_error="Invalid phone number", **fields)
    return _enqueue(recipient=phone, **fields)


def phone_e164(value):
    """'+79161234567' for a valid number (RU by default), None otherwise."""
    if not value:
        return None
    try:
        phone = value if isinstance(value, PhoneNumber) else PhoneNumber.from_string(
            str(value), region=settings.PHONENUMBER_DEFAULT_REGION)
    except NumberParseException:
        return None
    return phone.as_e164 if phone.is_valid() else None


def _enqueue(**fields):
    notification = _store(**fields)
    _publish_after_commit(notification.pk)
    return notification


class _PublishAfterCommit:
    """The on_commit hook of a transaction's rows: one task publish for all of them (issue 18: a
    publish per message was half of an event's commit time)."""

    __qualname__ = "publish_notifications after commit"  # Django names a failing hook by it

    def __init__(self, notification_id):
        self.notification_ids = [notification_id]

    def __call__(self):
        publish_notifications(self.notification_ids)


def _publish_after_commit(notification_id, using=None):
    """Add the row to the pending publish of its transaction, or register one (outside a transaction
    the publish happens at once, as on_commit does).

    Joining any pending hook of ours is safe, whichever savepoint registered it: Django drops a hook
    only when a savepoint open at its registration is rolled back. One still open now is open around
    this row too, so the row goes with the hook; one already closed was released, not rolled back
    (that would have dropped the hook), and cannot be rolled back any more. So a committed row is
    never left without its publish; a row of a savepoint rolled back later may be published with
    the others, and its task finds nothing to claim."""
    connection = transaction.get_connection(using)
    if connection.in_atomic_block:
        for _savepoints, hook, _robust in reversed(connection.run_on_commit):
            if isinstance(hook, _PublishAfterCommit):
                hook.notification_ids.append(notification_id)
                return
    # robust: after commit the event is done; a failing publish must not turn it into an error page.
    transaction.on_commit(_PublishAfterCommit(notification_id), using=using, robust=True)


def _store(*, context, user, **fields):
    user = user if getattr(user, "pk", None) else None  # AnonymousUser, unsaved users
    kept = {key: value for key, value in context.items() if key not in SECRET_CONTEXT_KEYS}
    return Notification.objects.create(context=json_safe(kept), user=user,
                                       contains_secret=bool(SECRET_BEARING_KEYS & set(context)), **fields)


# --- Re-queueing and retention, for staff actions, commands and benchmarks ------------------------

def notifications_requeue_unsent(**options) -> int:
    """delivery.notifications_requeue_unsent, publishing through the Celery task."""
    return delivery.notifications_requeue_unsent(publish=publish_notification, **options)


def notifications_requeue_failed(*, queryset) -> int:
    """delivery.notifications_requeue_failed (the admin's action), publishing through the Celery task."""
    return delivery.notifications_requeue_failed(queryset=queryset, publish=publish_notification)
