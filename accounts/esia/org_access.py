"""Organisation-scoped access to ESIA (methodical recommendations, «Получение данных об организации»).

The person's login token carries only the person's scopes (usr_org lists the organisations the person is
an employee of). To act for one of them the portal asks ESIA again, on the same v2/ac and v3/te endpoints
signed the same way, for the organisation's scopes: each name of ESIA_ORG_SCOPES with "?org_oid=<oid>"
(e.g. "org_shortname?org_oid=1000474457 org_inn?org_oid=1000474457 ..."). ESIA refuses an organisation
the person is not an employee of (ESIA-007194) and refuses organisation data to a person-only token.
The token that comes back is checked like the login token (GOST signature, validity, client_id) and must
belong to the same person (urn:esia:sbj_id) and carry the organisation's scopes before it is used.

Session key PENDING_KEY holds {"state", "org_oid"} between the two halves; it is used once.
"""

import uuid

from django.conf import settings
from django.urls import reverse

from accounts.esia import api, client
from accounts.esia.errors import ESIAError, code_in
from accounts.esia.tokens import TokenRejected, verify_token

PENDING_KEY = "esia.org_request"


def org_scope(org_oid):
    """The signed scope string for one organisation, in the order of ESIA_ORG_SCOPES."""
    return " ".join(f"{name}?org_oid={org_oid}" for name in settings.ESIA_ORG_SCOPES.split())


def _redirect_uri(request):
    return request.build_absolute_uri(reverse("accounts:esia:org_callback"))


def org_access_start(request, *, org_oid):
    """The v2/ac address asking the person's consent to the organisation's data; remembers the state."""
    state = str(uuid.uuid4())
    request.session[PENDING_KEY] = {"state": state, "org_oid": str(org_oid)}
    return client.authorisation_url(settings.ESIA_CLIENT_ID, org_scope(org_oid), state, _redirect_uri(request))


def _token_claims(answer, *, person_oid, scope):
    try:
        claims = verify_token(answer["access_token"], client_id=settings.ESIA_CLIENT_ID)
    except TokenRejected as exc:
        raise ESIAError("token", detail=exc.reason) from exc
    if str(claims.get("urn:esia:sbj_id", "")) != str(person_oid):
        raise ESIAError("token", detail="the token belongs to another person")
    granted = str(claims.get("scope", "")).split()
    missing = [item for item in scope.split() if not any(g == item or g.endswith("/" + item) for g in granted)]
    if missing:
        raise ESIAError("data", detail="scopes not granted: " + " ".join(missing))
    return claims


def org_access_complete(request, *, person_oid, roles):
    """The organisation's data (api.organisation_data) after ESIA's answer to org_access_start.

    `roles`: the person's organisations from the login («orgs»). Raises ESIAError: "state" for an answer
    that is not this session's pending request, "cancelled"/"code" for ESIA's refusal, "token"/"data"
    for a token that fails the checks."""
    pending = request.session.pop(PENDING_KEY, None)
    query = request.GET
    if not pending or not query.get("state") or query.get("state") != pending.get("state"):
        raise ESIAError("state")
    if query.get("error") or not query.get("code"):
        description = query.get("error_description", "")
        kind = "cancelled" if query.get("error") == "access_denied" else "code"
        raise ESIAError(kind, code_in(description), description)
    role = next((item for item in roles if item.get("oid") == pending["org_oid"]), None)
    if role is None:
        raise ESIAError("org", detail="not among the person's organisations")
    scope = org_scope(pending["org_oid"])
    answer = client.token_request(settings.ESIA_CLIENT_ID, scope, query["code"], _redirect_uri(request))
    _token_claims(answer, person_oid=person_oid, scope=scope)
    return api.organisation_data(answer["access_token"], role)
