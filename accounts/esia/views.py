"""allauth's OAuth 2.0 login and callback views bound to ESIA."""

import logging
from functools import wraps

from allauth.socialaccount.models import SocialToken
from allauth.socialaccount.providers.oauth2.views import OAuth2Adapter, OAuth2CallbackView, OAuth2LoginView
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from accounts.esia import api
from accounts.esia.client import AUTHORIZE_PATH, TOKEN_PATH, ESIAClient
from accounts.esia.errors import ESIAError, message_for
from accounts.esia.tokens import TokenRejected, verify_token

logger = logging.getLogger(__name__)


class ESIAOAuth2Adapter(OAuth2Adapter):
    provider_id = "esia"
    client_class = ESIAClient
    login_cancelled_error = "access_denied"

    @property
    def authorize_url(self):
        return settings.ESIA_BASE_URL + AUTHORIZE_PATH

    @property
    def access_token_url(self):
        return settings.ESIA_BASE_URL + TOKEN_PATH

    def get_client(self, request, app):
        client = super().get_client(request, app)
        client.scope = self.get_provider().get_scope()
        return client

    def parse_token(self, data):
        token = SocialToken(token=data["access_token"])
        if str(data.get("expires_in", "")).isdigit():
            token.expires_at = timezone.now() + timezone.timedelta(seconds=int(data["expires_in"]))
        return token

    def complete_login(self, request, app, token, **kwargs):
        try:
            claims = verify_token(token.token, client_id=app.client_id)
        except TokenRejected as exc:
            raise ESIAError("token", detail=exc.reason) from exc
        oid = claims.get("urn:esia:sbj_id")
        if not oid:
            raise ESIAError("data", detail="no urn:esia:sbj_id")
        data = api.person_data(token.token, oid)
        return self.get_provider().sociallogin_from_response(request, data)


def configured_only(view):
    """404 while ESIA is not configured; a broken configuration (no key or certificate file) is logged and
    the user reads the usual Russian message instead of a server error."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.ESIA_CLIENT_ID:
            raise Http404
        try:
            return view(request, *args, **kwargs)
        except ImproperlyConfigured as exc:
            logger.error("ESIA is misconfigured: %s", exc)
            return render(request, "esia/error.html", {"message": message_for("unknown")}, status=503)

    return wrapper


oauth2_login = configured_only(OAuth2LoginView.adapter_view(ESIAOAuth2Adapter))
oauth2_callback = configured_only(OAuth2CallbackView.adapter_view(ESIAOAuth2Adapter))
