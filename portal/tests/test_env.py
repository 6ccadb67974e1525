import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal import env

ROOT = Path(__file__).resolve().parents[2]


def test_database_urls_are_parsed():
    pg = env.parse_database_url("postgres://u:p%40ss@db.local:6432/portal?sslmode=require")
    assert ((pg["NAME"], pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"])
            == ("portal", "u", "p@ss", "db.local", "6432"))
    assert pg["OPTIONS"] == {"sslmode": "require", "server_side_binding": True, "prepare_threshold": 5}
    assert env.parse_database_url("sqlite:////tmp/x.sqlite3")["NAME"] == "/tmp/x.sqlite3"


@pytest.mark.parametrize(("query", "binding", "threshold"), [
    ("", True, 5), ("?prepare_threshold=none", True, None), ("?prepare_threshold=0", True, 0),
    ("?server_side_binding=false", False, None), ("?server_side_binding=True&prepare_threshold=12", True, 12),
])
def test_prepared_statements_are_on_unless_the_url_turns_them_off(query, binding, threshold):
    options = env.parse_database_url(f"postgres://h/db{query}")["OPTIONS"]
    assert (options["server_side_binding"], options["prepare_threshold"]) == (binding, threshold)


@pytest.mark.parametrize("query", ["?server_side_binding=yes", "?prepare_threshold=-1", "?prepare_threshold=x"])
def test_a_malformed_prepared_statements_option_stops_with_a_message(query):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL: server_side_binding"):
        env.parse_database_url(f"postgres://h/db{query}")


@pytest.mark.parametrize(("url", "host", "port"), [
    ("postgres://%2Fvar%2Frun%2Fpostgresql/db", "/var/run/postgresql", ""),
    ("postgres://postgres@%2Fvar%2Frun%2Fpostgresql:5433/db", "/var/run/postgresql", "5433"),
    ("postgres://u:p@[::1]:5432/db", "::1", "5432"),
    ("postgresql://u@DB.Local/db", "DB.Local", ""),
])
def test_database_hosts_are_decoded_socket_directories_included(url, host, port):
    parsed = env.parse_database_url(url)
    assert (parsed["HOST"], parsed["PORT"], parsed["NAME"]) == (host, port, "db")


@pytest.mark.parametrize("url", ["mysql://x/y", "postgres://host/", "postgres://h:port/db", "sqlite://", "nonsense"])
def test_malformed_database_urls_stop_with_a_message(url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env.parse_database_url(url)


def test_email_urls_are_parsed():
    smtp = env.parse_email_url("smtp://user:secret@mail.local:587?tls=true")
    assert ((smtp["EMAIL_HOST"], smtp["EMAIL_PORT"], smtp["EMAIL_USE_TLS"], smtp["EMAIL_USE_SSL"])
            == ("mail.local", 587, True, False))
    assert env.parse_email_url("smtps://mail.local")["EMAIL_PORT"] == 465
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        env.parse_email_url("smtp://mail.local?tls=maybe")


@pytest.mark.parametrize("raw,expected", [("true", True), ("Off", False), ("1", True), ("no", False)])
def test_booleans_are_strict(monkeypatch, raw, expected):
    monkeypatch.setenv("X_FLAG", raw)
    assert env.env_bool("X_FLAG", None) is expected


def test_a_malformed_boolean_stops_start_up(monkeypatch):
    monkeypatch.setenv("X_FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env.env_bool("X_FLAG", False)


def run_manage(*args, **extra_env):
    dropped = ("DATABASE_URL", "REDIS_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    base = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **extra_env},
                          capture_output=True, text=True, timeout=120)


PRODUCTION = {"DEBUG": "false", "SECRET_KEY": "x" * 20 + "-prod-secret-" + "k2J9vQ7wLm3Zp8Rt5Yb1Nc6Hd4Fg0Xs",
              "ALLOWED_HOSTS": "portal.example.ru", "EMAIL_URL": "smtp://portal:secret@smtp.example.ru:587?tls=true"}


def test_the_production_profile_passes_the_deploy_check():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_without_email_fails_the_deploy_check_unless_the_console_is_chosen():
    without = {key: value for key, value in PRODUCTION.items() if key != "EMAIL_URL"}
    result = run_manage("check", "--deploy", **without)
    assert result.returncode != 0 and "portal.E001" in result.stderr and "EMAIL_URL" in result.stderr
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **without, EMAIL_URL="console://")
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_without_a_secret_key_refuses_to_start():
    result = run_manage("check", DEBUG="false", ALLOWED_HOSTS="portal.example.ru")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_malformed_setting_names_the_variable():
    result = run_manage("check", SMS_BACKEND="pigeon")
    assert result.returncode != 0
    assert "SMS_BACKEND='pigeon'" in result.stderr


def test_the_url_given_to_a_test_worker_keeps_the_database_options():
    from notifications.testing.processes import database_url

    for url in ("postgres://u@h:5433/db?prepare_threshold=none&sslmode=require", "postgres://h/db",
                "postgres://h/db?server_side_binding=false"):
        parsed = env.parse_database_url(url)
        assert env.parse_database_url(database_url(parsed))["OPTIONS"] == parsed["OPTIONS"]
