"""Structured logs: one JSON object a line (LOG_FORMAT=json, the default with DEBUG=false), each with
the request id and the user id of the request it belongs to, and never personal data.

- `RequestContextMiddleware` (first) takes the proxy's `X-Request-ID` (or makes one) and answers it
  back in the same header; `UserIdMiddleware` (after authentication) adds the user's id. Both live in
  context variables that every line logged meanwhile carries.
- `ContextFilter` adds `request_id` and `user_id` to every record (also in text mode).
- `ScrubbingJsonFormatter` (JSON mode, production) rewrites the message and traceback it writes:
  e-mail addresses, phone numbers, one-time codes, the keys of confirmation and password-reset links,
  capability uuids and every query string are replaced by `***`. Names are never logged by the
  portal's code (ids only); this is the net under Django's, Celery's and the libraries' messages. The
  text mode of development keeps everything: there the console is where a developer reads the codes.
"""

import contextvars
import logging
import re
import uuid

from pythonjsonlogger.json import JsonFormatter

request_id_var = contextvars.ContextVar("request_id", default="")
user_id_var = contextvars.ContextVar("user_id", default="")

REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
MASK = "***"
PATTERNS = (
    # Link keys: /confirm-email/<key>/, /password/reset/key/<uid>-<key>/, /set-password/<token>/ ...
    (re.compile(r"(/(?:confirm-email|key|set-password|token|activate)/)[^/\s\"']+", re.IGNORECASE), r"\1" + MASK),
    (re.compile(r"\?[^\s\"']*"), "?" + MASK),  # query strings may carry tokens, e-mails, phones
    # Capability URLs (an agreement's uuid) open the row to whoever has them.
    (re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE), MASK),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), MASK),  # e-mail addresses
    (re.compile(r"(?<![\w])\+?[78][\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)"), MASK),  # RU phones
    (re.compile(r"(?i)((?:код|code)[^\d\n]{0,30})\d{4,8}"), r"\1" + MASK),  # one-time codes
)


def scrub(text):
    for pattern, replacement in PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class ScrubbingJsonFormatter(JsonFormatter):
    """python-json-logger's formatter, with the message and any traceback scrubbed. In the formatter,
    not a filter: the record itself stays as it was for every other handler (tests' caplog, Sentry)."""

    def process_log_record(self, log_data):
        for key in ("message", "exc_info", "stack_info"):
            if isinstance(log_data.get(key), str):
                log_data[key] = scrub(log_data[key])
        return super().process_log_record(log_data)


class ContextFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id_var.get()
        record.user_id = user_id_var.get()
        return True


class RequestContextMiddleware:
    """First in MIDDLEWARE: every line of the request, Django's own 4xx/5xx lines included (they are
    written after the middleware returns), carries its id. The values are replaced, not reset, at the
    start of the next request of the thread."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request.request_id = given if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        request_id_var.set(request.request_id)
        user_id_var.set("")
        response = self.get_response(request)
        user = getattr(request, "user", None)  # after the view: a login or logout changes it
        user_id_var.set(str(user.pk) if user is not None and user.is_authenticated else "")
        response["X-Request-ID"] = request.request_id
        return response


class UserIdMiddleware:
    """Sets the user id for the lines logged by the view (placed right after AuthenticationMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            user_id_var.set(str(user.pk))
        return self.get_response(request)


def logging_config(*, level, json_format):
    """The LOGGING setting: one console handler, both filters, JSON or text."""
    formatter = {
        "()": ScrubbingJsonFormatter,
        "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(user_id)s",
        "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        "json_ensure_ascii": False,
    } if json_format else {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s %(user_id)s] %(message)s"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": ContextFilter}},
        "formatters": {"portal": formatter},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "portal",
                                 "filters": ["context"]}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {"django.db.backends": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
    }
