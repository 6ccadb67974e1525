"""Project-wide test fixtures: personas and the inline Celery mode most tests use."""

import pytest
from django.core.cache import cache

from portal.celery import app as celery_app

pytest_plugins = ["portal.testing.s3"]  # s3_server (SeaweedFS for the session) and s3_storage


@pytest.fixture(autouse=True)
def celery_inline(settings):
    """Tasks run inline unless a test starts a real worker (see notifications/tests/conftest.py)."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    settings.CELERY_TASK_ALWAYS_EAGER = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def fast_tests(settings, tmp_path, monkeypatch):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SMS_BACKEND = "memory"
    settings.MEDIA_ROOT = tmp_path / "media"
    # django-simple-captcha copies its settings at import time; "PASSED" answers the captcha in tests.
    monkeypatch.setattr("captcha.conf.settings.CAPTCHA_TEST_MODE", True)
    settings.ACCOUNT_RATE_LIMITS = False
    cache.clear()


@pytest.fixture(autouse=True)
def storage_under_test(request):
    """TEST_STORAGE=s3: every upload of the test goes to a bucket of the session's SeaweedFS (CI runs the
    upload, download, ZIP and signature tests once so)."""
    import os

    if os.environ.get("TEST_STORAGE") == "s3":
        request.getfixturevalue("s3_storage")


@pytest.fixture
def applicant(db):
    from accounts.tests.factories import ApplicantFactory

    return ApplicantFactory(username="applicant")


@pytest.fixture
def other_applicant(db):
    from accounts.tests.factories import ApplicantFactory

    return ApplicantFactory(username="other")


@pytest.fixture
def staff(db):
    from accounts.tests.factories import StaffFactory

    return StaffFactory(username="staff")


@pytest.fixture
def reviewer(db):
    from accounts.tests.factories import ReviewerFactory

    return ReviewerFactory(username="reviewer")


@pytest.fixture(scope="session")
def test_redis_url():
    """Redis for tests that need the real thing; skipped locally without it, a failure in CI."""
    import os

    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        if os.environ.get("CI"):
            pytest.fail(f"Redis at {url} is not reachable in CI: {error}")
        pytest.skip(f"Redis at {url} is not reachable: {error}")
    return url
