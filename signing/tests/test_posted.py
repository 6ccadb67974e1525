"""The one intake for posted signatures: plug-in base64 or a .sig upload, refusals, JSON or redirect."""

import base64
import json as json_module

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import RequestFactory

from signing.posted import Intake, SignatureRefused, receive_signature
from signing.services import SignOutcome


def _json(response):
    return json_module.loads(response.content)


def _request(data, *, json=True):
    headers = {"HTTP_ACCEPT": "application/json"} if json else {}
    request = RequestFactory().post("/sign/", data, **headers)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _intake(received, **options):
    def accept(data):
        received.append(data)
        if data == b"refuse":
            raise SignatureRefused("Подпись не принята.")
        good = data == b"good"
        return SignOutcome(good, "Подпись верна: Иванов И. И." if good else "Подпись недействительна.", done=good)
    return Intake(accept=accept, page="/page/", done_url="/done/", success=lambda summary: "Принято. " + summary,
                  **options)


def test_plugin_base64_is_decoded_and_answered_as_json():
    received = []
    response = receive_signature(_request({"signature": base64.b64encode(b"good").decode()}), _intake(received))
    assert received == [b"good"]
    assert response.status_code == 200
    assert _json(response) == {"ok": True, "valid": True, "summary": "Принято. Подпись верна: Иванов И. И.",
                               "signed": True, "redirect": "/done/"}


@pytest.mark.parametrize("text", ["не base64", "   "])
def test_unreadable_or_empty_text_is_refused_with_400(text):
    received = []
    response = receive_signature(_request({"signature": text}), _intake(received))
    assert response.status_code == 400 and received == []
    assert _json(response)["ok"] is False and "Подпись верна" not in _json(response)["summary"]


def test_a_domain_refusal_is_400_with_its_words():
    response = receive_signature(_request({"signature": base64.b64encode(b"refuse").decode()}), _intake([]))
    assert (response.status_code, _json(response)["summary"]) == (400, "Подпись не принята.")


def test_upload_form_redirects_with_a_message():
    request = _request({"signature_file": SimpleUploadedFile("a.sig", b"bad")}, json=False)
    response = receive_signature(request, _intake([]))
    assert (response.status_code, response["Location"]) == (302, "/page/")
    assert [str(m) for m in get_messages(request)] == ["Подпись недействительна."]
    done = _request({"signature_file": SimpleUploadedFile("a.sig", b"good")}, json=False)
    assert receive_signature(done, _intake([]))["Location"] == "/done/"


def test_upload_form_errors_show_the_page_again():
    shown = []
    intake = _intake([], on_form_errors=lambda form: shown.append(form.errors) or HttpResponse("page"))
    response = receive_signature(_request({}, json=False), intake)
    assert response.content == b"page" and "signature_file" in shown[0]
