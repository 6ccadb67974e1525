"""ESIA's OAuth 2.0 client: the v2/ac authorisation request and the v3/te token request, both signed.

Parameter order of the signed string (methodical recommendations v3.x):
  v2/ac: client_id + scope + timestamp + state + redirect_uri
  v3/te: client_id + scope + timestamp + state + redirect_uri + code
timestamp is "yyyy.MM.dd HH:mm:ss Z"; state a fresh UUID for each request.
"""

import uuid

import requests
from allauth.socialaccount.providers.oauth2.client import OAuth2Client
from django.conf import settings
from django.utils import timezone
from django.utils.http import urlencode

from accounts.esia import signers
from accounts.esia.errors import ESIAError, code_in

AUTHORIZE_PATH = "/aas/oauth2/v2/ac"
TOKEN_PATH = "/aas/oauth2/v3/te"


def esia_timestamp(now=None):
    return (now or timezone.now()).strftime("%Y.%m.%d %H:%M:%S %z")


class ESIAClient(OAuth2Client):
    def _signed(self, scope, state, code=""):
        timestamp = esia_timestamp()
        try:
            secret = signers.client_secret(self.consumer_key, scope, timestamp, state, self.callback_url, code)
        except signers.SignerError as exc:
            raise ESIAError("unknown", detail=str(exc)) from exc
        return {
            "client_id": self.consumer_key, "scope": scope, "timestamp": timestamp, "state": state,
            "redirect_uri": self.callback_url, "client_secret": secret,
            "client_certificate_hash": signers.client_certificate_hash(),
        }

    def get_redirect_url(self, authorization_url, scope, extra_params):
        scope = " ".join(scope)  # the order matters: it is part of the signed string
        params = {**self._signed(scope, self.state), "response_type": "code", "access_type": "online"}
        params.update(extra_params)
        return f"{authorization_url}?{urlencode(params)}"

    def get_access_token(self, code, pkce_code_verifier=None, extra_data=None):
        """ESIA's JSON answer {access_token, id_token, expires_in, token_type, state, ...}; ESIAError else."""
        scope = " ".join(self.scope) if isinstance(self.scope, list | tuple) else self.scope
        data = {**self._signed(scope, str(uuid.uuid4()), code), "code": code,
                "grant_type": "authorization_code", "token_type": "Bearer"}
        try:
            response = requests.post(self.access_token_url, data=data, timeout=settings.ESIA_TIMEOUT_SECONDS)
        except requests.RequestException as exc:
            raise ESIAError("unreachable", detail=str(exc)) from exc
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        if response.status_code != 200 or "access_token" not in answer:
            description = "{} {}".format(answer.get("error", ""), answer.get("error_description", ""))
            kind = "unreachable" if response.status_code >= 500 else "code"
            raise ESIAError(kind, code_in(description), description.strip() or str(response.status_code))
        return answer
