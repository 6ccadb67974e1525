"""Strict reading of settings from the environment.

A malformed value stops start-up with a message that names the variable and what it expects,
instead of surfacing later as an obscure failure deep inside a request.
"""

import os
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def env_str(name, default=""):
    return os.environ.get(name, default).strip()


def env_bool(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: expected one of true/false, yes/no, on/off, 1/0.")


def env_int(name, default, *, minimum=None):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a whole number.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r}: must be at least {minimum}.")
    return value


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name, default, choices):
    value = env_str(name, default).lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r}: expected one of {', '.join(sorted(choices))}.")
    return value


# SQLite (development, the benchmarks' default): a transaction takes the write lock when it begins
# (IMMEDIATE), so a request that reads and then writes waits for the worker's commits instead of
# failing at once with "database is locked" (a deferred transaction's read snapshot cannot be turned
# into a write once another connection has committed: SQLite then answers without waiting).
SQLITE_OPTIONS = {"timeout": 20, "transaction_mode": "IMMEDIATE"}


def parse_database_url(url, *, var="DATABASE_URL"):
    """postgres://user:pass@host:5432/name or sqlite:///absolute/path.sqlite3 -> DATABASES entry."""
    parts = urlsplit(url)
    if parts.scheme in ("postgres", "postgresql", "pgsql"):
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured(f"{var}: the database name is missing (postgres://host/NAME).")
        options = _postgres_options({key: values[-1] for key, values in parse_qs(parts.query).items()}, var)
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": _host(parts),
            "PORT": str(_port(parts, var) or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    if parts.scheme == "sqlite":
        # sqlite:///relative.sqlite3 and sqlite:////absolute/path.sqlite3, as dj-database-url reads them.
        path = unquote(url[len("sqlite://"):].split("?", 1)[0])[1:]
        if not path or path == "/":
            raise ImproperlyConfigured(f"{var}: sqlite needs a file path (sqlite:////abs/path.sqlite3).")
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": path, "OPTIONS": dict(SQLITE_OPTIONS)}
    raise ImproperlyConfigured(f"{var}={url!r}: expected a postgres:// or sqlite:// URL.")


# PostgreSQL binds the parameters itself and psycopg prepares a statement once a connection has run
# its SQL `prepare_threshold` times: the hot pages' queries (their SQL written once per process,
# portal.prepared_sql) are then parsed and planned once per connection instead of on every request.
# The application page's PostgreSQL time fell from 1.3 to 0.4 ms of CPU a request (issue 18). A
# transaction-mode PgBouncer older than 1.21 does not keep prepared statements across transactions:
# there, `?prepare_threshold=none` (or `?server_side_binding=false`) in DATABASE_URL turns them off.
POSTGRES_OPTIONS = {"server_side_binding": True, "prepare_threshold": 5}


def _postgres_options(given, var):
    """The URL's query options (libpq's, passed as they are) over POSTGRES_OPTIONS, the two typed:
    server_side_binding "true"/"false", prepare_threshold a whole number or "none"."""
    options = {**POSTGRES_OPTIONS, **given}
    binding = str(options["server_side_binding"]).lower()
    threshold = str(options["prepare_threshold"]).lower()
    if binding not in ("true", "false") or not (threshold == "none" or threshold.isdigit()):
        raise ImproperlyConfigured(f"{var}: server_side_binding must be true or false and prepare_threshold "
                                   f"a whole number or none.")
    options["server_side_binding"] = binding == "true"
    options["prepare_threshold"] = None if threshold == "none" or binding == "false" else int(threshold)
    return options


def parse_email_url(url, *, var="EMAIL_URL"):
    """smtp://user:pass@host:587?tls=true, smtps://... (implicit TLS), or console:// -> settings dict."""
    parts = urlsplit(url)
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme not in ("smtp", "smtps"):
        raise ImproperlyConfigured(f"{var}={url!r}: expected smtp://, smtps:// or console://.")
    if not parts.hostname:
        raise ImproperlyConfigured(f"{var}: the SMTP host is missing (smtp://host:port).")
    query = {key: values[-1].lower() for key, values in parse_qs(parts.query).items()}
    use_tls = query.get("tls", "false")
    if use_tls not in TRUE_WORDS | FALSE_WORDS:
        raise ImproperlyConfigured(f"{var}: tls={use_tls!r}, expected true or false.")
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": _port(parts, var) or (465 if parts.scheme == "smtps" else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        "EMAIL_USE_TLS": use_tls in TRUE_WORDS,
        "EMAIL_TIMEOUT": 20,
    }


def _host(parts):
    """The host as written, percent-decoded: a socket directory is written %2Fvar%2Frun%2Fpostgresql
    (libpq's own URI rule); `hostname` would lowercase it and leave it encoded."""
    host = parts.netloc.rpartition("@")[2]
    if host.startswith("["):  # an IPv6 literal
        return host[1:host.index("]")]
    return unquote(host.rpartition(":")[0] if ":" in host else host)


def _port(parts, var):
    try:
        return parts.port
    except ValueError:
        raise ImproperlyConfigured(f"{var}: the port is not a number between 0 and 65535.") from None
