"""ESIA's OAuth 2.0 client: the v2/ac authorisation request and the v3/te token request, both signed.

Parameter order of the signed string (methodical recommendations v3.x):
  v2/ac: client_id + scope + timestamp + state + redirect_uri
  v3/te: client_id + scope + timestamp + state + redirect_uri + code
timestamp is "yyyy.MM.dd HH:mm:ss Z"; state a fresh UUID for each request. The same two requests serve
the person's login (allauth's flow, ESIAClient) and the organisation-scoped access (org_access.py).
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


def signed_params(client_id, scope, state, redirect_uri, code=""):
    """The parameters ESIA checks on both endpoints, with client_secret over them in ESIA's order."""
    timestamp = esia_timestamp()
    try:
        secret = signers.client_secret(client_id, scope, timestamp, state, redirect_uri, code)
    except signers.SignerError as exc:
        raise ESIAError("unknown", detail=str(exc)) from exc
    return {
        "client_id": client_id, "scope": scope, "timestamp": timestamp, "state": state,
        "redirect_uri": redirect_uri, "client_secret": secret,
        "client_certificate_hash": signers.client_certificate_hash(),
    }


def authorisation_url(client_id, scope, state, redirect_uri, extra=None):
    """The v2/ac address the browser is sent to (response_type=code, access_type=online)."""
    params = {**signed_params(client_id, scope, state, redirect_uri), "response_type": "code",
              "access_type": "online", **(extra or {})}
    return f"{settings.ESIA_BASE_URL}{AUTHORIZE_PATH}?{urlencode(params)}"


def token_request(client_id, scope, code, redirect_uri):
    """POST v3/te: ESIA's JSON answer {access_token, id_token, expires_in, token_type, state, ...}; ESIAError
    ("unreachable" for no answer or 5xx, "code" with ESIA's code otherwise) when there is no token."""
    data = {**signed_params(client_id, scope, str(uuid.uuid4()), redirect_uri, code), "code": code,
            "grant_type": "authorization_code", "token_type": "Bearer"}
    try:
        response = requests.post(settings.ESIA_BASE_URL + TOKEN_PATH, data=data, timeout=settings.ESIA_TIMEOUT_SECONDS)
    except requests.RequestException as exc:
        raise ESIAError("unreachable", detail=str(exc)) from exc
    try:
        answer = response.json()
    except ValueError:
        answer = {}
    if not isinstance(answer, dict):
        answer = {}
    if response.status_code != 200 or "access_token" not in answer:
        description = "{} {}".format(answer.get("error", ""), answer.get("error_description", ""))
        kind = "unreachable" if response.status_code >= 500 else "code"
        raise ESIAError(kind, code_in(description), description.strip() or str(response.status_code))
    return answer


class ESIAClient(OAuth2Client):
    def get_redirect_url(self, authorization_url, scope, extra_params):
        scope = " ".join(scope)  # the order matters: it is part of the signed string
        return authorisation_url(self.consumer_key, scope, self.state, self.callback_url, extra_params)

    def get_access_token(self, code, pkce_code_verifier=None, extra_data=None):
        scope = " ".join(self.scope) if isinstance(self.scope, list | tuple) else self.scope
        return token_request(self.consumer_key, scope, code, self.callback_url)
