"""Security notices: an e-mail (and an SMS to the confirmed phone) whenever a sign-in credential of an
account changes, so that its owner learns of a takeover in time (issue 11).

allauth announces password, e-mail and MFA changes through `send_notification_mail`; the portal adds
the phone change (accounts.services). Every notice is one outbox row per channel, rendered from the
"security_notice" templates with a sentence for the event and a link to act if it was not the owner.
The e-mail change goes to the *old* address (allauth passes it), the SMS to the phone on record.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from notifications.services import queue_email, queue_sms

EVENTS = {
    "password_changed": lambda c: _("The password of your account was changed."),
    "password_set": lambda c: _("A password was set for your account."),
    "password_reset": lambda c: _("The password of your account was reset with a link from an e-mail."),
    "email_changed": lambda c: _("The e-mail address of your account was changed from %(old)s to %(new)s.") % {
        "old": c.get("from_email", ""), "new": c.get("to_email", "")},
    "email_deleted": lambda c: _("The address %(email)s was removed from your account.") % {
        "email": c.get("deleted_email", "")},
    "phone_changed": lambda c: _("The phone number of your account was changed from %(old)s to %(new)s.") % {
        "old": c.get("old_phone") or "—", "new": c.get("new_phone", "")},
    "account_connected": lambda c: _("A Gosuslugi (ESIA) login was linked to your account."),
    "account_disconnected": lambda c: _("A Gosuslugi (ESIA) login was unlinked from your account."),
    "totp_activated": lambda c: _("Two-factor authentication with an app was turned on for your account."),
    "totp_deactivated": lambda c: _("Two-factor authentication with an app was turned off for your account."),
    "recovery_codes_generated": lambda c: _("New recovery codes were made for your account; the old ones no "
                                            "longer work."),
    "webauthn_added": lambda c: _("A security key was added to your account."),
    "webauthn_removed": lambda c: _("A security key was removed from your account."),
}


def is_security_event(name):
    return name in EVENTS


def notice_context(name, context):
    """The template context of a notice: the event sentence, when and from where, and where to act."""
    return {
        "event": EVENTS[name](context),
        "timestamp": context.get("timestamp"),
        "ip": context.get("ip") or "",
        "reset_url": settings.SITE_URL + reverse("account_reset_password"),
        "settings_url": settings.SITE_URL + reverse("accounts:settings"),
    }


def send(*, name, user, email, context, phone=None):
    """Queue the e-mail to `email` and the SMS to `phone` (or the user's confirmed phone)."""
    notice = notice_context(name, context)
    if email:
        queue_email(to=email, template="security_notice", context=notice, user=user)
    phone = phone or (user.phone if user.phone_confirmed else None)
    if phone:
        queue_sms(to=phone, template="security_notice", context=notice, user=user)
