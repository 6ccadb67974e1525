from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django import forms
from django.shortcuts import redirect
from django.utils import timezone

from accounts import lockout, security_notices
from accounts.forms import locked_login_message
from notifications.services import queue_email

PENDING_PHONE_SESSION_KEY = "accounts.pending_phone_user_id"


class AccountAdapter(DefaultAccountAdapter):
    """Fits allauth's flows to the portal: outbox mail, login locks, applicant fields, phone step."""

    def send_mail(self, template_prefix, email, context):
        # allauth's "account/email/password_reset_key" becomes our "password_reset_key" templates under
        # notifications/email/, and the message goes through the outbox like every other one.
        name = template_prefix.rsplit("/", 1)[-1]
        user = context.get("user")
        queue_email(to=email, template=name, context=context,
                    user=user if getattr(user, "pk", None) else None)

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        """allauth's notices of password, e-mail and MFA changes become the portal's security notice:
        e-mail (to the old address for an e-mail change) and an SMS to the confirmed phone."""
        name = template_prefix.rsplit("/", 1)[-1]
        if not security_notices.is_security_event(name):
            return super().send_notification_mail(template_prefix, user, context=context, email=email)
        context = {"timestamp": timezone.now(), "ip": self.get_client_ip(self.request) if self.request else "",
                   **(context or {})}
        email = email or EmailAddress.objects.get_primary_email(user)
        security_notices.send(name=name, user=user, email=email, context=context)

    def pre_authenticate(self, request, **credentials):
        login = credentials.get("username") or credentials.get("email")
        if login:
            until = lockout.locked_until(lockout.key_for_login(login))
            if until:
                raise forms.ValidationError(locked_login_message(until), code="locked")
        super().pre_authenticate(request, **credentials)

    def save_user(self, request, user, form, commit=True):
        data = form.cleaned_data
        user.applicant_type = data.get("applicant_type", "")
        user.full_name = data.get("full_name", "")
        user.phone = data.get("phone") or ""
        return super().save_user(request, user, form, commit=commit)

    def respond_email_verification_sent(self, request, user):
        # Seed 003: right after registration the applicant types the SMS code; the same page says
        # that a confirmation link went to the e-mail address.
        if user is not None and user.is_applicant and not user.phone_confirmed:
            request.session[PENDING_PHONE_SESSION_KEY] = user.pk
            return redirect("accounts:phone_confirm")
        return super().respond_email_verification_sent(request, user)
