"""A stand-in ESIA on 127.0.0.1 (free port) that checks requests as ESIA does and answers as ESIA does.

  GET  /aas/oauth2/v2/ac   checks the parameters (ESIA-007014 when one is missing), the certificate hash
                           and the client_secret signature over client_id+scope+timestamp+state+redirect_uri
                           with OpenSSL's GOST engine (ESIA-007053 when wrong), then shows a consent page.
  POST /aas/oauth2/v2/ac/decide  «Предоставить» redirects with a code, «Отказать» with access_denied.
  POST /aas/oauth2/v3/te   the same checks over ...+redirect_uri+code; answers a GOST-signed JWT.
  GET  /rs/prns/{oid}[/ctts|/docs|/addrs|/roles]  with a valid Bearer token (roles: scope usr_org).
  GET  /rs/orgs/{oid}[/addrs|/ctts]  only with a token whose scope has the organisation's scopes
                           "<name>?org_oid=<oid>" (403 otherwise); an answer keeps only the granted fields.
  Organisation scopes at v2/ac for an organisation the person is not an employee of: ESIA-007194.

Knobs a test turns: `refuse` (press «Отказать»), `token_mode` ("ok", "expired", "forged", "other_person"),
`token_error` (an ESIA code to answer the token request with), `authorise_error` (an ESIA code to answer
v2/ac with), `state_override`, `left_orgs` (organisations the person is no longer an employee of),
`trusted` (the person's account is confirmed), `resource_status` (an HTTP status every /rs/ answer gets).
"""

import html
import json
import tempfile
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

from accounts.esia import signers
from accounts.esia.signers import SignerError, b64url, b64url_decode, openssl
from accounts.esia.testing import data
from accounts.esia.testing.keys import make_pair
from accounts.esia.tokens import TokenRejected, check_signature, decode

AC_PARAMS = ("client_id", "client_secret", "redirect_uri", "scope", "response_type", "state", "timestamp",
             "client_certificate_hash")
TE_PARAMS = ("client_id", "code", "grant_type", "client_secret", "state", "redirect_uri", "scope", "timestamp",
             "token_type", "client_certificate_hash")


class StandInESIA:
    def __init__(self, directory: Path, client_id, client_certificate: Path):
        self.client_id = client_id
        self.client_hash = signers.certificate_hash(signers.read_der_certificate(client_certificate))
        Path(directory).mkdir(parents=True, exist_ok=True)
        self.client_public = Path(directory) / "client.pub"
        self.client_public.write_bytes(openssl("x509", "-in", client_certificate, "-pubkey", "-noout"))
        self.esia = make_pair(Path(directory) / "esia", "esia", "/CN=ESIA test contour/O=Минцифры")
        self.forger = make_pair(Path(directory) / "forger", "forger", "/CN=Not ESIA")
        self.refuse, self.token_mode, self.token_error, self.state_override = False, "ok", "", ""
        self.authorise_error, self.left_orgs, self.trusted, self.resource_status = "", set(), True, 0
        self.tickets, self.codes, self.requests = {}, {}, []
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    # --- checks ESIA makes ------------------------------------------------------------------------

    def secret_is_valid(self, params, *parts):
        if params.get("client_certificate_hash", "").upper() != self.client_hash:
            return False
        try:
            signature = b64url_decode(params["client_secret"])
        except ValueError:
            return False
        with tempfile.NamedTemporaryFile() as handle:
            handle.write(signature)
            handle.flush()
            try:
                openssl("dgst", "-md_gost12_256", "-verify", self.client_public, "-signature", handle.name,
                        data="".join(parts).encode())
            except SignerError:
                return False
        return True

    def check(self, params, names, *extra):
        """'' when the request is acceptable, else the ESIA error code."""
        if any(not params.get(name) for name in names):
            return "ESIA-007014"
        if params["client_id"] != self.client_id:
            return "ESIA-007053"
        parts = [params[n] for n in ("client_id", "scope", "timestamp", "state", "redirect_uri")] + list(extra)
        return "" if self.secret_is_valid(params, *parts) else "ESIA-007053"

    # --- tokens ------------------------------------------------------------------------------------

    def token(self, scope, now=None):
        now = int(now or time.time())
        expires = now - 3600 if self.token_mode == "expired" else now + 3600
        header = {"alg": "GOST3410_2012_256", "typ": "JWT", "sbt": "access", "ver": 1}
        claims = {"nbf": now - 5, "scope": scope, "iss": "http://esia-portal1.test.gosuslugi.ru/",
                  "urn:esia:sid": uuid.uuid4().hex, "exp": expires,
                  "urn:esia:sbj_id": 1000000001 if self.token_mode == "other_person" else int(data.PERSON_OID),
                  "iat": now, "client_id": self.client_id}
        signed = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(claims).encode())}"
        key = self.forger.key if self.token_mode == "forged" else self.esia.key
        signature = openssl("dgst", "-md_gost12_256", "-sign", key, data=signed.encode())
        return f"{signed}.{b64url(signature)}"

    def bearer_claims(self, header):
        """The claims of a valid Bearer token ESIA issued, else None."""
        try:
            _header, claims, signed, signature = decode(header.removeprefix("Bearer "))
            check_signature("md_gost12_256", signed, signature, public_key=self.esia.public)
        except TokenRejected:
            return None
        return claims if claims.get("exp", 0) > time.time() else None

    def employer_oids(self):
        return set(data.ORGANISATIONS) - set(self.left_orgs)


def org_oids_in(scope):
    """The organisations a scope string asks for ("org_inn?org_oid=1 ..." -> {"1"})."""
    return {item.split("?org_oid=", 1)[1] for item in scope.split() if "?org_oid=" in item}


ORG_FIELD_SCOPES = {"fullName": "org_fullname", "shortName": "org_shortname", "ogrn": "org_ogrn", "inn": "org_inn",
                    "kpp": "org_kpp", "type": "org_type", "oid": ""}


def _redirect_url(uri, **params):
    return "{}{}{}".format(uri, "&" if "?" in uri else "?", urlencode(params))


CONSENT_PAGE = """<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Госуслуги</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family:sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem">
<h1>Госуслуги (тестовый контур)</h1><p>Вы вошли как <b>{name}</b>.</p>
<p>Система «{client}» запрашивает доступ к вашим данным: {scope}.</p>
<form method="post" action="/aas/oauth2/v2/ac/decide"><input type="hidden" name="ticket" value="{ticket}">
<button name="decision" value="allow" id="esia-allow">Предоставить</button>
<button name="decision" value="deny" id="esia-deny">Отказать</button></form></body></html>"""


def _handler(esia):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _send(self, status, body=b"", content_type="application/json", headers=()):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _json(self, status, payload):
            self._send(status, json.dumps(payload, ensure_ascii=False).encode())

        def _redirect(self, url):
            self._send(302, headers=[("Location", url)], content_type="text/plain")

        def _form(self):
            length = int(self.headers.get("Content-Length") or 0)
            return {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode(), keep_blank_values=True).items()}

        def do_GET(self):
            url = urlparse(self.path)
            params = {k: v[0] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
            esia.requests.append(("GET", url.path, params))
            if url.path == "/aas/oauth2/v2/ac":
                return self._authorise(params)
            if url.path.startswith("/rs/"):
                return self._resource(url.path)
            self._send(404)

        def do_POST(self):
            url = urlparse(self.path)
            params = self._form()
            esia.requests.append(("POST", url.path, params))
            if url.path == "/aas/oauth2/v2/ac/decide":
                return self._decide(params)
            if url.path == "/aas/oauth2/v3/te":
                return self._token(params)
            self._send(404)

        def _authorise(self, params):
            error = esia.check(params, AC_PARAMS)
            if error and params.get("redirect_uri"):
                return self._redirect(_redirect_url(params["redirect_uri"], error="invalid_request", state=params.get(
                    "state", ""), error_description=f"{error}: запрос отклонён"))
            if error:
                return self._json(400, {"error": "invalid_request", "error_description": error})
            if esia.authorise_error:
                return self._redirect(_redirect_url(params["redirect_uri"], error="invalid_request",
                                                    state=params["state"],
                                                    error_description=f"{esia.authorise_error}: отказ"))
            if not org_oids_in(params["scope"]) <= esia.employer_oids():
                return self._redirect(_redirect_url(
                    params["redirect_uri"], error="access_denied", state=params["state"],
                    error_description="ESIA-007194: Запрос области доступа для организации, сотрудником которой "
                                      "пользователь не является"))
            ticket = uuid.uuid4().hex
            esia.tickets[ticket] = params
            name = "{} {}".format(data.PERSON["lastName"], data.PERSON["firstName"])
            page = CONSENT_PAGE.format(name=html.escape(name), client=html.escape(params["client_id"]),
                                       scope=html.escape(params["scope"]), ticket=ticket)
            self._send(200, page.encode(), "text/html; charset=utf-8")

        def _decide(self, form):
            params = esia.tickets.pop(form.get("ticket", ""), None)
            if params is None:
                return self._send(400, b"unknown ticket", "text/plain")
            state = esia.state_override or params["state"]
            if form.get("decision") != "allow" or esia.refuse:
                return self._redirect(_redirect_url(params["redirect_uri"], error="access_denied", state=state,
                                                    error_description="ESIA-007004: Владелец ресурса отклонил запрос"))
            code = uuid.uuid4().hex
            esia.codes[code] = {"redirect_uri": params["redirect_uri"], "scope": params["scope"], "at": time.time()}
            self._redirect(_redirect_url(params["redirect_uri"], code=code, state=state))

        def _token(self, params):
            error = esia.check(params, TE_PARAMS, params.get("code", "")) or esia.token_error
            if error:
                return self._json(400, {"error": "invalid_request", "error_description": f"{error}: отказ"})
            issued = esia.codes.pop(params["code"], None)
            if issued is None or issued["redirect_uri"] != params["redirect_uri"] or time.time() - issued["at"] > 300:
                return self._json(400, {"error": "invalid_grant", "error_description": "ESIA-007011: код истёк"})
            token = esia.token(issued["scope"])
            self._json(200, {"access_token": token, "id_token": token, "expires_in": 3600, "token_type": "Bearer",
                             "state": params["state"], "refresh_token": uuid.uuid4().hex})

        def _resource(self, path):
            if esia.resource_status:
                return self._json(esia.resource_status, {"error": "server_error"})
            claims = esia.bearer_claims(self.headers.get("Authorization", ""))
            if claims is None:
                return self._json(401, {"error": "invalid_token"})
            answer = _resource_answer(path.rstrip("/").split("/")[2:], claims.get("scope", "").split(), esia)
            if answer == "forbidden":
                return self._json(403, {"error": "access_denied", "error_description": "ESIA-007019"})
            if answer is None:
                return self._json(404, {"error": "not_found"})
            self._json(200, answer)

    return Handler


def _resource_answer(parts, granted, esia):
    """The JSON answer, "forbidden" when the token's scope does not cover it, None when there is none."""
    if len(parts) in (2, 3) and parts[0] == "prns" and parts[1] == data.PERSON_OID:
        return _person_answer(parts[2] if len(parts) == 3 else "", granted, esia)
    if len(parts) in (2, 3) and parts[0] == "orgs" and parts[1] in data.ORGANISATIONS:
        oid, org = parts[1], data.ORGANISATIONS[parts[1]]
        # A scope may be written as ESIA's full URI (http://esia.gosuslugi.ru/org_inn?org_oid=...) or short.
        allowed = {item.split("?org_oid=")[0].rsplit("/", 1)[-1] for item in granted
                   if item.endswith(f"?org_oid={oid}")}
        if len(parts) == 2:
            if not allowed & {"org_fullname", "org_shortname"}:
                return "forbidden"
            return {k: v for k, v in org.items() if ORG_FIELD_SCOPES.get(k) in allowed | {""}}
        if parts[2] not in ("addrs", "ctts"):
            return None
        return {"elements": org.get(parts[2])} if f"org_{parts[2]}" in allowed else "forbidden"
    return None


def _person_answer(part, granted, esia):
    if any("?org_oid=" in item for item in granted) and "fullname" not in granted:
        return "forbidden"  # an organisation's token is no person's token
    if part == "roles":
        if "usr_org" not in granted:
            return "forbidden"
        return {"elements": [_role(org) for oid, org in data.ORGANISATIONS.items() if oid in esia.employer_oids()]}
    person = {**data.PERSON, "trusted": esia.trusted}
    answers = {"": person, "ctts": {"elements": data.CONTACTS}, "docs": {"elements": data.DOCUMENTS},
               "addrs": {"elements": data.ADDRESSES}}
    return answers.get(part)


def _role(org):
    return {"oid": int(org["oid"]), "fullName": org["fullName"], "shortName": org["shortName"], "ogrn": org["ogrn"],
            "type": org["type"], "chief": org["chief"], "position": org["position"], "active": True}
