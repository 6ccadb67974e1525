"""With Redis dead every request still works from the database (portal/cache.py), quickly, with a
warning in the log and a counter; what was cached before the outage is never served after it."""

import logging
import shutil
import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from applications.tests.factories import submitted
from notifications.testing import free_port
from notifications.testing.processes import RedisServer
from portal import cache as resilient

pytestmark = pytest.mark.django_db
LIST = reverse("applications:list")
LOGIN = reverse("account_login")
PASSWORD = "Very-Secret-2026"


@pytest.fixture
def redis_server():
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server is not installed (scripts/system-deps.sh installs it)")
    server = RedisServer().start()
    yield server
    server.stop()


def point_cache_at(settings, url):
    settings.CACHES = {
        "default": {"BACKEND": "portal.cache.ResilientRedisCache", "LOCATION": url,
                    "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}},
        "fallback": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache_fallback"},
    }


@pytest.fixture
def production_cache(settings, redis_server):
    """Sessions, users, pages and rate limits in a Redis of this test, as in production."""
    point_cache_at(settings, redis_server.url)
    settings.SESSION_ENGINE = "portal.sessions"
    settings.PAGE_CACHE_ENABLED = True
    settings.REDIS_RETRY_SECONDS = 0.2
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "30/m/ip", "login": "30/m/ip"}
    resilient.reset_state()
    yield redis_server
    resilient.reset_state()


def log_in(client, user):
    user.set_password(PASSWORD)
    user.save()
    response = client.post(LOGIN, {"login": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def timed_get(client, url):
    started = time.monotonic()
    response = client.get(url)
    return response, time.monotonic() - started


def test_pages_of_a_logged_in_user_answer_from_the_database_when_redis_dies(
        client, applicant, production_cache, caplog):
    application = submitted(applicant=applicant)
    log_in(client, applicant)
    assert client.get(LIST).status_code == 200
    client.get(LIST)  # now cached

    production_cache.stop()
    with caplog.at_level(logging.WARNING, logger="portal.cache"):
        for _ in range(3):
            response, seconds = timed_get(client, LIST)
            assert response.status_code == 200
            assert application.number in response.content.decode()
            assert seconds < 1
    assert "Redis is unreachable" in caplog.text
    counts = resilient.degraded_counts()
    assert counts.get("sessions", 0) >= 1 and counts.get("pagecache", 0) >= 1
    assert response.wsgi_request.user == applicant


def test_login_works_and_the_lockout_still_counts_while_redis_is_down(client, applicant, production_cache, settings):
    production_cache.stop()
    started = time.monotonic()
    log_in(client, applicant)
    assert time.monotonic() - started < 1
    assert client.get(LIST).status_code == 200

    settings.LOGIN_LOCK_FAILURES = 2
    other = client.__class__()
    for _ in range(2):
        assert other.post(LOGIN, {"login": applicant.username, "password": "wrong"}).status_code == 200
    refused = other.post(LOGIN, {"login": applicant.username, "password": PASSWORD})
    assert refused.status_code == 200
    assert "_auth_user_id" not in other.session
    assert resilient.degraded_counts().get("ratelimit", 0) >= 1


def test_a_redis_that_hangs_costs_one_short_timeout_then_nothing(client, applicant, settings, production_cache):
    """A listening socket that never answers: the first operation waits its timeout, later ones none."""
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(100)
    try:
        point_cache_at(settings, f"redis://127.0.0.1:{silent.getsockname()[1]}/0")
        settings.REDIS_RETRY_SECONDS = 30
        log_in(client, applicant)
        response, seconds = timed_get(client, LIST)
        assert response.status_code == 200 and seconds < 0.3
    finally:
        silent.close()


def test_a_session_ended_during_an_outage_is_not_revived_from_the_old_cache(
        client, applicant, production_cache, settings):
    """Redis keeps its data but is unreachable (a network split) while the user logs out."""
    log_in(client, applicant)
    assert client.get(LIST).status_code == 200
    stolen_cookie = client.cookies["sessionid"].value

    point_cache_at(settings, f"redis://127.0.0.1:{free_port()}/0")  # nobody listens there
    assert client.post(reverse("account_logout")).status_code == 302
    assert resilient.degraded_counts().get("sessions", 0) >= 1

    point_cache_at(settings, production_cache.url)  # Redis is back with the old session copy
    time.sleep(0.3)  # REDIS_RETRY_SECONDS
    client.cookies["sessionid"] = stolen_cookie
    response = client.get(LIST)
    assert response.status_code == 302 and LOGIN in response["Location"]


def test_used_one_time_codes_are_kept_in_the_database_while_redis_is_down(production_cache):
    key = "allauth.mfa.totp.used?user=1&code=123456"
    production_cache.stop()
    assert cache.add(key, "y", 30) is True
    assert cache.add(key, "y", 30) is False  # a replayed code is refused
    assert resilient.degraded_counts().get("codes", 0) >= 1


def test_rate_limits_fail_open_instead_of_waiting_on_a_lock(production_cache):
    production_cache.stop()
    started = time.monotonic()
    assert all(cache.add("allauth:rl:lock", True, 10) for _ in range(5))
    assert time.monotonic() - started < 0.5
