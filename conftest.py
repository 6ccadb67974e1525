"""Project-wide test fixtures: personas and the inline Celery mode most tests use."""

import pytest

from portal.celery import app as celery_app


@pytest.fixture(autouse=True)
def celery_inline(settings):
    """Tasks run inline unless a test starts a real worker (see notifications/tests/conftest.py)."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    settings.CELERY_TASK_ALWAYS_EAGER = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def fast_tests(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SMS_BACKEND = "console"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CAPTCHA_TEST_MODE = True
    settings.ACCOUNT_RATE_LIMITS_ENABLED = False


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
