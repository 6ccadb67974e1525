"""The SMS.ru client against a local HTTP server that answers like the gateway."""

import logging
import time

import pytest

from notifications.errors import PermanentSMSError, TransientSMSError
from notifications.sms import ConsoleSMSBackend, SmsRuBackend, get_sms_backend

PHONE = "+79161234567"


@pytest.fixture
def client(sms_gateway):
    return SmsRuBackend(api_id="key-1", url=sms_gateway.url, sender="Portal", test=True, timeout=(1, 0.5))


def test_it_posts_the_message_and_returns_the_gateway_id(client, sms_gateway):
    message_id = client.send(PHONE, "Код 123456")

    assert message_id.startswith("000000-")
    [request] = sms_gateway.requests
    assert {key: request[key] for key in ("api_id", "to", "msg", "json", "from", "test")} == {
        "api_id": "key-1", "to": "79161234567", "msg": "Код 123456", "json": "1", "from": "Portal", "test": "1"}


def test_it_leaves_out_sender_and_test_flag_when_not_set(sms_gateway):
    SmsRuBackend(api_id="key-1", url=sms_gateway.url, sender="", test=False).send(PHONE, "x")

    assert "from" not in sms_gateway.requests[0] and "test" not in sms_gateway.requests[0]


@pytest.mark.parametrize("code", [202, 207, 209])
def test_a_bad_number_is_a_permanent_error(client, sms_gateway, code):
    sms_gateway.script(PHONE, code=code)

    with pytest.raises(PermanentSMSError, match=str(code)):
        client.send(PHONE, "x")


def test_a_wrong_api_id_is_a_permanent_error(client, sms_gateway):
    sms_gateway.script(PHONE, top_code=200)

    with pytest.raises(PermanentSMSError, match="200"):
        client.send(PHONE, "x")


@pytest.mark.parametrize("script", [{"top_code": 220}, {"code": 220}, {"code": 500}, {"code": 231}])
def test_an_unavailable_service_or_a_limit_is_a_transient_error(client, sms_gateway, script):
    sms_gateway.script(PHONE, **script)

    with pytest.raises(TransientSMSError):
        client.send(PHONE, "x")


@pytest.mark.parametrize("http_status", [500, 502, 503])
def test_an_http_server_error_is_transient(client, sms_gateway, http_status):
    sms_gateway.script(PHONE, http_status=http_status)

    with pytest.raises(TransientSMSError, match=str(http_status)):
        client.send(PHONE, "x")


def test_a_non_json_answer_is_transient(client, sms_gateway):
    sms_gateway.script(PHONE, body="<html>maintenance</html>")

    with pytest.raises(TransientSMSError, match="non-JSON"):
        client.send(PHONE, "x")


def test_a_gateway_that_does_not_answer_in_time_is_transient(client, sms_gateway):
    sms_gateway.script(PHONE, delay=2)
    started = time.monotonic()

    with pytest.raises(TransientSMSError, match="timed out"):
        client.send(PHONE, "x")

    assert time.monotonic() - started < 1.5


def test_a_refused_connection_is_transient(closed_port):
    client = SmsRuBackend(api_id="key-1", url=f"http://127.0.0.1:{closed_port}", timeout=(1, 1))

    with pytest.raises(TransientSMSError, match="unreachable"):
        client.send(PHONE, "x")


def test_the_backend_follows_the_setting(settings, sms_gateway):
    settings.SMS_BACKEND, settings.SMS_RU_API_ID, settings.SMS_RU_URL = "smsru", "key-2", sms_gateway.url

    backend = get_sms_backend()

    assert isinstance(backend, SmsRuBackend) and backend.api_id == "key-2"
    settings.SMS_BACKEND = "console"
    assert isinstance(get_sms_backend(), ConsoleSMSBackend)


def test_the_console_backend_logs_the_message(caplog):
    with caplog.at_level(logging.INFO, logger="notifications.sms"):
        message_id = ConsoleSMSBackend().send(PHONE, "Код 123456")

    assert message_id.startswith("console-")
    assert f"SMS to {PHONE}" in caplog.text and "Код 123456" in caplog.text
