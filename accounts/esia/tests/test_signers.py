"""client_secret and client_certificate_hash made as ESIA expects, with either signer; token checks."""

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ImproperlyConfigured

from accounts.esia import signers, tokens
from accounts.esia.signers import openssl
from accounts.esia.testing.keys import make_pair


@pytest.fixture
def pair(tmp_path):
    return make_pair(tmp_path, "portal", "/CN=Portal")


def _verifies(pair, data, signature, tmp_path):
    path = tmp_path / "sig.bin"
    path.write_bytes(signature)
    try:
        openssl("dgst", "-md_gost12_256", "-verify", pair.public, "-signature", path, data=data)
    except signers.SignerError:
        return False
    return True


def test_the_certificate_hash_is_streebog_256_of_the_der(pair):
    der = openssl("x509", "-in", pair.cert, "-outform", "DER")
    expected = openssl("dgst", "-md_gost12_256", "-r", data=der).split()[0].decode().upper()
    assert signers.certificate_hash(signers.read_der_certificate(pair.cert)) == expected


def test_the_openssl_signer_makes_a_gost_signature_openssl_verifies(pair, tmp_path):
    signature = signers.OpenSSLSigner(pair.key).sign(b"abc")
    assert len(signature) == 64
    assert _verifies(pair, b"abc", signature, tmp_path)
    assert not _verifies(pair, b"abd", signature, tmp_path)


def test_a_missing_key_is_a_configuration_error(tmp_path):
    with pytest.raises(ImproperlyConfigured):
        signers.OpenSSLSigner(tmp_path / "absent.key")


def test_the_remote_signer_posts_the_data_and_uses_the_answer(pair, tmp_path, settings):
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            seen.append((self.headers["Authorization"], body))
            signature = signers.OpenSSLSigner(pair.key).sign(base64.b64decode(body["data"]))
            answer = json.dumps({"signature": base64.b64encode(signature).decode()}).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        settings.ESIA_SIGNER, settings.ESIA_REMOTE_SIGNER_TOKEN = "remote", "t0ken"
        settings.ESIA_REMOTE_SIGNER_URL = f"http://127.0.0.1:{server.server_address[1]}/sign"
        secret = signers.client_secret("a", "b", "c")
    finally:
        server.shutdown()
        server.server_close()
    assert seen[0][0] == "Bearer t0ken" and base64.b64decode(seen[0][1]["data"]) == b"abc"
    assert _verifies(pair, b"abc", signers.b64url_decode(secret), tmp_path)


def test_an_unreachable_remote_signer_is_a_signer_error(settings):
    settings.ESIA_SIGNER, settings.ESIA_REMOTE_SIGNER_URL = "remote", "http://127.0.0.1:9/sign"
    with pytest.raises(signers.SignerError):
        signers.client_secret("a")


@pytest.mark.parametrize("token", ["", "a.b", "x.y.z", "e30.e30.AAAA"])
def test_malformed_or_unsigned_tokens_are_rejected(token, settings, pair):
    settings.ESIA_VERIFY_CERTIFICATE = str(pair.cert)
    with pytest.raises(tokens.TokenRejected):
        tokens.verify_token(token, client_id="X")


def _token(pair, claims, alg="GOST3410_2012_256"):
    header, body = json.dumps({"alg": alg}).encode(), json.dumps(claims).encode()
    signed = f"{signers.b64url(header)}.{signers.b64url(body)}"
    return signed + "." + signers.b64url(signers.OpenSSLSigner(pair.key).sign(signed.encode()))


def test_a_token_for_another_client_or_algorithm_is_rejected(settings, pair):
    settings.ESIA_VERIFY_CERTIFICATE = str(pair.cert)
    claims = {"exp": 2_000_000_000, "client_id": "OTHER"}
    assert tokens.verify_token(_token(pair, claims), client_id="OTHER")["client_id"] == "OTHER"
    with pytest.raises(tokens.TokenRejected, match="audience"):
        tokens.verify_token(_token(pair, claims), client_id="PORTAL")
    with pytest.raises(tokens.TokenRejected, match="algorithm"):
        tokens.verify_token(_token(pair, claims, alg="none"), client_id="OTHER")
