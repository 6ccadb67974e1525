"""Playwright driving Debian's Chromium against pytest-django's live server.

Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between
clicks are ordinary synchronous ones, so Django's async-safety guard is relaxed for these tests.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.browser.axe import AuditedBrowser, AxeAudit

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-gpu", "--no-first-run", "--disable-sync", "--disable-quic", "--lang=ru-RU"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed (apt-get install chromium); .ci/run installs it.")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield AuditedBrowser(chromium)
        chromium.close()


@pytest.fixture(autouse=True)
def axe_audit():
    """Every page a browser test loads is checked by axe-core (tests/browser/axe.py): 0 violations."""
    audit = AuditedBrowser.current = AxeAudit()
    yield audit
    AuditedBrowser.current = None
    if audit.violations:
        pytest.fail("WCAG 2.1 A/AA violations found by axe-core:\n" + audit.failure(), pytrace=False)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="ru-RU", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    AuditedBrowser.current.check_now(page)
    context.close()


@pytest.fixture
def screenshot(page, request):
    """screenshot("step") saves var/screenshots/<test>-<step>.png for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(step):
        path = SCREENSHOTS / f"{request.node.name}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


# Data migrations whose rows the tests rely on: (module, function).
REFERENCE_DATA = [
    ("accounts.migrations.0002_staff_groups_and_consent", "create"),
    ("portal.migrations.0002_production_calendar_2026", "load"),
    ("portal.migrations.0003_production_calendar_2027", "load"),
    ("portal.migrations.0004_calendar_year", "mark_2026_loaded"),
    ("portal.migrations.0005_production_calendar_2027_decree", "load"),
    ("applications.migrations.0002_staff_permissions", "grant"),
    ("appeals.migrations.0002_staff_permissions", "grant"),
    ("agreements.migrations.0002_reviewers_and_template", "load"),
    ("addresses.migrations.0005_notice_reviewers", "grant"),
    ("passports.migrations.0002_reviewer_permissions", "grant"),
]


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Transactional tests flush the tables between tests, taking the rows that data migrations made
    (staff groups and their permissions, the consent text, the calendar) with them; put them back
    through the migrations' own functions."""
    import importlib

    from django.apps import apps

    for module, function in REFERENCE_DATA:
        getattr(importlib.import_module(module), function)(apps, None)


@pytest.fixture
def real_delivery(settings):
    """E-mail through a local SMTP server (aiosmtpd) and SMS through the local SMS.ru stand-in, the
    way production sends them; the test reads what those servers received."""
    from types import SimpleNamespace

    from notifications.testing.smsru import SmsRuStandIn
    from notifications.testing.smtp import SmtpSink

    smtp, gateway = SmtpSink().start(), SmsRuStandIn().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.SMS_BACKEND, settings.SMS_RU_URL, settings.SMS_RU_API_ID = "smsru", gateway.url, "test-api-id"
    yield SimpleNamespace(smtp=smtp, sms=gateway)
    smtp.stop()
    gateway.stop()
