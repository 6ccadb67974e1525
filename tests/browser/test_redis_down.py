"""The fault test: Redis (cache, sessions, page cache, broker) is stopped while an applicant logs in
in Chromium, sends an appeal and reads the list; every page answers, and the notifications queued
meanwhile go out exactly once after Redis returns."""

import shutil
import time

import pytest
from django.utils.translation import gettext as _
from playwright.sync_api import expect

from accounts.tests.factories import ApplicantFactory
from appeals.models import Appeal
from appeals.tests.factories import PDF_BYTES, TopicFactory
from notifications.models import Notification, Status
from notifications.services import notification_deliver, notifications_requeue_unsent
from notifications.testing.processes import RedisServer
from portal import cache as resilient
from portal.celery import app as celery_app
from portal.tests.factories import BranchFactory
from tests.browser.test_appeal_flow import appeal_permissions, log_in  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_of_this_test(settings):
    """A private redis-server as the cache, the session store's cache and the Celery broker."""
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server is not installed")
    server = RedisServer().start()
    settings.CACHES = {
        "default": {"BACKEND": "portal.cache.ResilientRedisCache", "LOCATION": server.url,
                    "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}},
        "fallback": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache_fallback"},
    }
    settings.SESSION_ENGINE, settings.PAGE_CACHE_ENABLED, settings.REDIS_RETRY_SECONDS = "portal.sessions", True, 1
    previous = celery_app.conf.broker_url
    celery_app.conf.task_always_eager, celery_app.conf.broker_url = False, server.url
    celery_app._pool, celery_app.amqp._producer_pool = None, None
    resilient.reset_state()
    yield server
    celery_app.conf.broker_url = previous
    celery_app._pool, celery_app.amqp._producer_pool = None, None
    server.stop()
    resilient.reset_state()


def test_the_portal_answers_with_redis_stopped_and_delivers_once_after(
        page, screenshot, tmp_path, redis_of_this_test, real_delivery):
    applicant = ApplicantFactory(username="vera", email="vera@example.ru")
    BranchFactory(city="Белгород")
    TopicFactory(name="Технологическое присоединение")
    redis_of_this_test.stop()

    started = time.monotonic()
    log_in(page, "vera")
    page.get_by_role("link", name="Обращения", exact=True).click()
    page.get_by_role("link", name=_("Create an appeal")).click()
    page.get_by_label(_("City")).select_option(label="Белгород")
    page.get_by_label(_("Topic")).select_option(label="Технологическое присоединение")
    page.get_by_label(_("Text of the question")).fill("Когда подключат дом на ул. Садовой, 12?")
    scan = tmp_path / "Схема.pdf"
    scan.write_bytes(PDF_BYTES)
    page.get_by_label(_("Files"), exact=True).set_input_files(str(scan))
    page.get_by_role("button", name=_("Send the appeal")).click()
    appeal = Appeal.objects.get(applicant=applicant)
    expect(page.locator("main")).to_contain_text(appeal.number)
    page.get_by_role("link", name="Обращения", exact=True).click()
    expect(page.locator("main")).to_contain_text(appeal.number)
    screenshot("list-without-redis")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.locator("main")).to_contain_text(appeal.number)
    screenshot("list-without-redis-phone")
    assert time.monotonic() - started < 30
    # The live server's session middleware was built with the default engine (sessions through the
    # cache are covered in portal/tests/test_redis_down.py); the user and the page cache went to Redis.
    assert {"user", "pagecache"} <= set(resilient.degraded_counts())

    queued = list(Notification.objects.filter(user=applicant).values_list("pk", flat=True))
    assert queued and set(Notification.objects.filter(pk__in=queued).values_list("status", flat=True)) == {
        Status.QUEUED}
    redis_of_this_test.start()
    assert notifications_requeue_unsent(older_than_seconds=0) == len(queued)
    for pk in queued * 2:  # what the worker does with the tasks, and with a duplicate of each
        notification_deliver(notification_id=pk)
    assert set(Notification.objects.filter(pk__in=queued).values_list("status", flat=True)) == {Status.SENT}
    assert sorted(real_delivery.smtp.notification_ids()) == sorted(
        pk for pk in queued if Notification.objects.get(pk=pk).channel == "email")
    sms = [pk for pk in queued if Notification.objects.get(pk=pk).channel == "sms"]
    assert len(real_delivery.sms.delivered()) == len(sms)
