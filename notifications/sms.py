"""SMS backends: `send(phone_e164, text) -> provider message id`, chosen by settings.SMS_BACKEND.

A backend raises TransientSMSError when trying later may help and PermanentSMSError when it cannot.
"""

import itertools
import logging
import threading

import requests
from django.conf import settings

from notifications.errors import PermanentSMSError, TransientSMSError

logger = logging.getLogger(__name__)

# (connect, read) seconds: a hung gateway must not hold a worker for long; the row is retried.
DEFAULT_TIMEOUT = (5, 15)


class ConsoleSMSBackend:
    """Development default: the SMS goes to the log."""

    _counter = itertools.count(1)

    def send(self, phone_e164, text):
        message_id = f"console-{next(self._counter)}"
        logger.info("SMS to %s (%s): %s", phone_e164, message_id, text)
        return message_id


class MemorySMSBackend:
    """For tests of other apps: sent messages are kept in `notifications.sms.outbox`."""

    def send(self, phone_e164, text):
        with _outbox_lock:
            outbox.append({"to": phone_e164, "text": text})
            return f"memory-{len(outbox)}"


outbox = []
_outbox_lock = threading.Lock()

# SMS.ru status codes (https://sms.ru/api/send). 100-103 mean accepted. Transient: the gateway or our
# account can recover without changing the message (service down, server error, balance, daily and
# per-number rate limits). Permanent: the request itself is wrong (api_id, number, text, sender) and
# repeating it gives the same answer. Codes not listed are treated as transient, so an unknown
# answer costs a few bounded retries (NOTIFICATIONS_MAX_ATTEMPTS) rather than a lost message.
SMSRU_ACCEPTED = {100, 101, 102, 103}
SMSRU_PERMANENT = {
    200,  # wrong api_id
    202,  # wrong recipient number or no route to it
    203,  # empty text
    204,  # sender name not approved
    205,  # text too long (over 8 SMS)
    207,  # sending to this number is not allowed / no route
    208,  # wrong "time" parameter
    209,  # number is on the stop list
    210, 211, 212,  # GET instead of POST, unknown method, text not UTF-8
    213,  # more than 100 numbers
    300, 301, 302,  # bad token, bad api_id or login, account not confirmed
}
SMSRU_TRANSIENT = {
    201,  # not enough money on the account: retried until someone pays
    206,  # daily limit reached
    220,  # service temporarily unavailable
    230, 231, 232, 233,  # per-number limits (per day, identical per minute / day, code flood)
    500,  # server error
}


class SmsRuBackend:
    """Client of SMS.ru's HTTP API (POST {SMS_RU_URL}/sms/send, json=1)."""

    def __init__(self, *, api_id=None, url=None, sender=None, test=None, timeout=None):
        self.api_id = api_id if api_id is not None else settings.SMS_RU_API_ID
        self.url = (url if url is not None else settings.SMS_RU_URL).rstrip("/")
        self.sender = sender if sender is not None else settings.SMS_RU_SENDER
        self.test = test if test is not None else settings.SMS_RU_TEST
        self.timeout = timeout or getattr(settings, "SMS_RU_TIMEOUT", DEFAULT_TIMEOUT)

    def send(self, phone_e164, text):
        number = phone_e164.lstrip("+")
        answer = self._post({"api_id": self.api_id, "to": number, "msg": text, "json": 1})
        _raise_for_code(answer.get("status_code"), answer.get("status_text"))
        result = _result_for(answer, number)
        _raise_for_code(result.get("status_code"), result.get("status_text"))
        return str(result.get("sms_id") or "")

    def _post(self, data):
        if self.sender:
            data["from"] = self.sender
        if self.test:
            data["test"] = 1
        try:
            response = _session().post(f"{self.url}/sms/send", data=data, timeout=self.timeout)
        except requests.Timeout as error:
            raise TransientSMSError(f"SMS.ru timed out: {error}") from error
        except requests.RequestException as error:  # connection refused, DNS, TLS, reset
            raise TransientSMSError(f"SMS.ru unreachable: {error}") from error
        return _json_answer(response)


_local = threading.local()


def _session():
    """This thread's requests.Session: its connection pool keeps the gateway's connection open between
    messages where the server allows it (a worker sends many in a row; issue 18), and a Session is not
    built for every message as requests.post would."""
    session = getattr(_local, "session", None)
    if session is None:
        session = _local.session = requests.Session()
    return session


def _json_answer(response):
    if response.status_code >= 500 or response.status_code == 429:
        raise TransientSMSError(f"SMS.ru HTTP {response.status_code}")
    if response.status_code >= 400:
        raise PermanentSMSError(f"SMS.ru HTTP {response.status_code}: {response.text[:200]}")
    try:
        answer = response.json()
    except ValueError as error:  # an HTML error page from a proxy in front of the gateway
        raise TransientSMSError(f"SMS.ru answered with non-JSON: {response.text[:200]!r}") from error
    if not isinstance(answer, dict):
        raise TransientSMSError(f"SMS.ru answered with unexpected JSON: {answer!r}"[:300])
    return answer


def _result_for(answer, number):
    per_number = answer.get("sms") or {}
    result = per_number.get(number)
    if result is None and len(per_number) == 1:  # the gateway may normalise the number differently
        result = next(iter(per_number.values()))
    if not isinstance(result, dict):
        raise TransientSMSError(f"SMS.ru answer has no result for {number}: {answer!r}"[:300])
    return result


def _raise_for_code(code, text):
    try:
        code = int(code)
    except (TypeError, ValueError):
        raise TransientSMSError(f"SMS.ru answer without a status code ({text or ''})") from None
    if code in SMSRU_ACCEPTED:
        return
    message = f"SMS.ru status {code}: {text or 'no description'}"
    if code in SMSRU_PERMANENT:
        raise PermanentSMSError(message)
    raise TransientSMSError(message)


BACKENDS = {"console": ConsoleSMSBackend, "memory": MemorySMSBackend, "smsru": SmsRuBackend}


def get_sms_backend():
    try:
        backend_class = BACKENDS[settings.SMS_BACKEND]
    except KeyError:
        raise PermanentSMSError(f"Unknown SMS_BACKEND {settings.SMS_BACKEND!r}") from None
    return backend_class()
