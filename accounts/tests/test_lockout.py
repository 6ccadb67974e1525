from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.urls import reverse
from django.utils import timezone

from accounts.models import LoginLock
from accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, login_name, password):
    return client.post(reverse("account_login"), {"login": login_name, "password": password})


def fail_five_times(client, login_name):
    for _attempt in range(5):
        response = login(client, login_name, "wrong-password-123")
        assert response.status_code == 200


def test_five_failures_lock_the_login_with_a_clear_message(client, applicant):
    fail_five_times(client, "applicant")
    response = login(client, "applicant", PASSWORD)
    assert response.status_code == 200
    assert "заблокирован" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_locked_attempt_never_reaches_the_password_hasher(client, applicant):
    fail_five_times(client, "applicant")
    with mock.patch.object(MD5PasswordHasher, "verify", autospec=True,
                           side_effect=MD5PasswordHasher.verify) as verify:
        login(client, "applicant", PASSWORD)
        login(client, "applicant@example.ru", PASSWORD)
    assert verify.call_count == 0


def test_login_and_email_share_one_counter(client, applicant):
    for name in ("applicant", "APPLICANT@example.ru", "applicant", "applicant@example.ru", "Applicant"):
        login(client, name, "wrong-password-123")
    assert LoginLock.objects.get(key=f"user:{applicant.pk}").locked_until is not None


def test_the_lock_ends_after_fifteen_minutes(client, applicant):
    fail_five_times(client, "applicant")
    LoginLock.objects.update(locked_until=timezone.now() - timedelta(seconds=1))
    response = login(client, "applicant", PASSWORD)
    assert response.status_code == 302
    assert not LoginLock.objects.filter(key=f"user:{applicant.pk}").exists()


def test_four_failures_do_not_lock_and_success_resets_the_count(client, applicant):
    for _attempt in range(4):
        login(client, "applicant", "wrong-password-123")
    assert login(client, "applicant", PASSWORD).status_code == 302
    assert not LoginLock.objects.exists()


def test_unknown_logins_are_locked_too(client, db):
    fail_five_times(client, "nobody")
    assert LoginLock.objects.get(key="login:nobody").locked_until > timezone.now()


def test_allauth_rate_limits_count_in_a_real_redis_cache(client, applicant, settings, test_redis_url):
    """Per-IP flood protection stays on top of the per-login lock, counted in Redis."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": test_redis_url, "KEY_PREFIX": "ratelimit-test"}}
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/m/ip"}
    from django.core.cache import cache
    cache.clear()
    pages = [login(client, f"nobody{n}", "wrong-password-123").content.decode() for n in range(4)]
    assert ["Слишком много неудачных попыток входа" in page for page in pages] == [False, False, False, True]
    cache.clear()


def test_failures_older_than_the_window_do_not_add_up(client, applicant, settings):
    """Issue 11 item 5: a rolling 15-minute window, not a counter that never expires."""
    for _attempt in range(4):
        login(client, "applicant", "wrong-password-123")
    long_ago = timezone.now() - timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES + 1)
    LoginLock.objects.update(last_failure_at=long_ago)
    login(client, "applicant", "wrong-password-123")
    lock = LoginLock.objects.get(key=f"user:{applicant.pk}")
    assert lock.failures == 1 and lock.locked_until is None


def test_the_periodic_purge_drops_stale_rows_and_keeps_live_ones(client, db):
    from accounts.tasks import purge_login_locks

    now = timezone.now()
    LoginLock.objects.create(key="login:old", failures=2, last_failure_at=now - timedelta(hours=1))
    LoginLock.objects.create(key="login:ended", failures=5, last_failure_at=now - timedelta(hours=1),
                             locked_until=now - timedelta(minutes=1))
    LoginLock.objects.create(key="login:recent", failures=2, last_failure_at=now)
    LoginLock.objects.create(key="login:locked", failures=5, last_failure_at=now - timedelta(hours=1),
                             locked_until=now + timedelta(minutes=5))
    assert purge_login_locks() == 2
    assert set(LoginLock.objects.values_list("key", flat=True)) == {"login:recent", "login:locked"}
