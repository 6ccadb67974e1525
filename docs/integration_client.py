#!/usr/bin/env python3
"""A reference client of the portal's integration API (/api/v1/): signs each request with the information
system's GOST key through `openssl cms` (Debian's libengine-gost-openssl) and sends a house passport for
the organisation that delegated the right to the system. Standard library only; registers nothing.

    python3 docs/integration_client.py --url https://portal.example.ru --system SYSTEM-UUID \
        --provider PROVIDER-UUID --cert system.pem --key system.key \
        send-passport --address-id 123 --data passport.json

passport.json: {"general": {"year_built": 1985, ...}, "systems": {"heating": {...}, ...}} — the fields of
GET /api/v1/passports/{id}; the docs at /api/v1/docs list them.
"""

import argparse
import base64
import hashlib
import json
import subprocess
import sys
import urllib.error
import urllib.request
import uuid


class ApiError(Exception):
    def __init__(self, status, body):
        error = body.get("error", {}) if isinstance(body, dict) else {}
        super().__init__(f"{status} {error.get('code', '')}: {error.get('message', body)}")
        self.status, self.code = status, error.get("code")


def _json_or_text(data):
    try:
        return json.loads(data or b"{}")
    except ValueError:  # a proxy's HTML page, say
        return {"error": {"code": "", "message": data[:200].decode("utf-8", "replace")}}


class Client:
    def __init__(self, url, system, provider, cert, key, digest="md_gost12_256"):
        self.url, self.system, self.provider = url.rstrip("/"), system, provider
        self.cert, self.key, self.digest = cert, key, digest

    def sign(self, body: bytes) -> str:
        """Detached CAdES-BES over the exact body bytes, DER in base64 (a fresh signature every time: the
        portal accepts each signature once and only near its signing time)."""
        result = subprocess.run(
            ["openssl", "cms", "-engine", "gost", "-sign", "-binary", "-cades", "-signer", self.cert,
             "-inkey", self.key, "-md", self.digest, "-outform", "DER"],
            input=body, capture_output=True, check=True)
        return base64.b64encode(result.stdout).decode("ascii")

    def canonical(self, method, path, request_id, body):
        """What X-Signature signs: method, path, query, X-IS-Id, X-Provider-Id, X-Request-Id, SHA-256 of the
        body, each on its own line (LF)."""
        route, _, query = path.partition("?")
        lines = [method, route, query, self.system, self.provider, request_id, hashlib.sha256(body).hexdigest()]
        return "".join(f"{line}\n" for line in lines).encode("utf-8")

    def call(self, method, path, body=b"", *, idempotency_key=None, document=False, raw=False, attempts=3):
        """One request; a network failure is retried with the same Idempotency-Key (each try is signed anew
        with a new X-Request-Id, since the portal accepts a request id once)."""
        for attempt in range(attempts):
            request_id = str(uuid.uuid4())
            headers = {"X-IS-Id": self.system, "X-Provider-Id": self.provider, "X-Request-Id": request_id,
                       "X-Signature": self.sign(self.canonical(method, path, request_id, body)),
                       "Content-Type": "application/json"}
            if idempotency_key:
                headers["Idempotency-Key"] = idempotency_key
            if document:  # the document's own signature: the body is the notice text or passport content
                headers["X-Document-Signature"] = self.sign(body)
            request = urllib.request.Request(self.url + path, data=body or None, method=method, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    data = response.read()
                return data if raw else json.loads(data)
            except urllib.error.HTTPError as error:
                raise ApiError(error.code, _json_or_text(error.read())) from None
            except urllib.error.URLError:
                if attempt == attempts - 1:
                    raise

    def send_passport(self, address_id, data):
        # One key for this passport's creation: a retry after a lost answer gets the same draft back.
        passport = self.call("POST", "/api/v1/passports", json.dumps({"address_id": address_id}).encode(),
                             idempotency_key=f"passport-{address_id}-{uuid.uuid4()}")
        pk = passport["id"]
        self.call("PUT", f"/api/v1/passports/{pk}", json.dumps(data, ensure_ascii=False).encode())
        self.call("POST", f"/api/v1/passports/{pk}/validate")
        content = self.call("GET", f"/api/v1/passports/{pk}/content", raw=True)
        # The body of /send is the frozen content itself; X-Document-Signature over it is the passport's.
        return self.call("POST", f"/api/v1/passports/{pk}/send", content, document=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("url", "system", "provider", "cert", "key"):
        parser.add_argument(f"--{name}", required=True)
    commands = parser.add_subparsers(dest="command", required=True)
    passport = commands.add_parser("send-passport")
    passport.add_argument("--address-id", type=int, required=True)
    passport.add_argument("--data", required=True, help="JSON file with general and systems")
    args = parser.parse_args(argv)
    client = Client(args.url, args.system, args.provider, args.cert, args.key)
    with open(args.data, encoding="utf-8") as source:
        data = json.load(source)
    try:
        sent = client.send_passport(args.address_id, data)
    except ApiError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Паспорт {sent['number']}: {sent['status_label']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
