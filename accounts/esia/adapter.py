"""allauth's social-account hooks for ESIA: the app from settings, new accounts, errors in Russian."""

import logging

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp
from django.conf import settings
from django.shortcuts import render

from accounts.esia import errors, services
from accounts.models import ApplicantType, User

logger = logging.getLogger(__name__)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        apps = super().list_apps(request, provider=provider, client_id=client_id)
        wanted = provider in (None, "esia") and client_id in (None, settings.ESIA_CLIENT_ID)
        if settings.ESIA_CLIENT_ID and wanted and not any(app.provider == "esia" for app in apps):
            apps.append(SocialApp(provider="esia", name="ЕСИА", client_id=settings.ESIA_CLIENT_ID, secret=""))
        return apps

    def is_auto_signup_allowed(self, request, sociallogin):
        return True  # ESIA has identified the person; no signup form to fill

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        # Never take over an existing account silently: its owner links ESIA from «Настройки» instead.
        if user.email and User.objects.filter(email__iexact=user.email).exists():
            user.email = ""
            sociallogin.email_addresses = []
        user.applicant_type = ApplicantType.INDIVIDUAL
        return user

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        services.person_fill_from_esia(user=user, data=sociallogin.account.extra_data)
        return user

    def pre_social_login(self, request, sociallogin):
        user = sociallogin.user
        if sociallogin.is_existing and user.applicant_type == ApplicantType.INDIVIDUAL:
            services.person_fill_from_esia(user=user, data=sociallogin.account.extra_data)

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None):
        kind, code = self._classify(request, error, exception, extra_context or {})
        logger.warning("ESIA login failed: %s %s %s", kind, code, getattr(exception, "detail", exception))
        raise ImmediateHttpResponse(render(request, "esia/error.html",
                                           {"message": errors.message_for(kind, code), "code": code}, status=400))

    @staticmethod
    def _classify(request, error, exception, context):
        if isinstance(exception, errors.ESIAError):
            return exception.kind, exception.code
        if exception is not None:
            return "unreachable" if "Connection" in type(exception).__name__ else "unknown", ""
        if "state" not in context:
            return "state", ""
        code = errors.code_in(request.GET.get("error_description", ""))
        return ("cancelled" if error == "cancelled" else "code"), code
