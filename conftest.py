"""Project-wide test fixtures: personas, the inline Celery mode most tests use, the session's services."""

import os
import shutil

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
    # A test that stopped Redis leaves portal.cache waiting before it tries Redis again: not the next test.
    from portal import cache as resilient

    resilient.reset_state()
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
    """The session's own redis-server on a free port (issue 10: tests provision their services).

    TEST_REDIS_URL points at another Redis instead; either way a Redis that cannot be had fails the
    test with the reason, never skips it.
    """
    from notifications.testing.processes import RedisServer, redis_is_up

    url = os.environ.get("TEST_REDIS_URL")
    if url:
        if not redis_is_up(url):
            pytest.fail(f"TEST_REDIS_URL={url} is not reachable.")
        yield url
        return
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server is not installed: `make test` installs it (scripts/system-deps.sh test).")
    server = RedisServer().start()
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """An SQLite test database lives in the session's temporary folder: a bare clone has no var/."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test-portal.sqlite3")


@pytest.fixture
def admin_user(db, django_user_model):
    """pytest-django's superuser "admin" (password "password"), enrolled in TOTP as staff must be
    (accounts.mfa: without a second factor every page sends a superuser to enrol)."""
    from accounts.tests.factories import enrol_totp

    user = django_user_model.objects.create_superuser("admin", "admin@example.com", "password")
    enrol_totp(user)
    return user
