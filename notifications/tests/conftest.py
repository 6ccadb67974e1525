"""Fixtures of the notifications tests: stand-in SMTP and SMS.ru servers, real Redis, real workers.

Worker tests run `celery -A portal worker` as a subprocess against the test database (committed
rows only, hence transactional_db), the test Redis and the stand-ins of this process.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.db import connection

from notifications import mailer
from notifications.testing import free_port
from notifications.testing.processes import (
    CeleryWorker,
    RedisServer,
    database_url,
    flush_redis,
)
from notifications.testing.smsru import SmsRuStandIn
from notifications.testing.smtp import SmtpSink
from portal.celery import app as celery_app

TEST_TEMPLATES = Path(__file__).resolve().parent / "templates"
SMS_RU_API_ID = "test-api-id"


@pytest.fixture
def fresh_mailer_connection():
    """No SMTP connection kept from an earlier test (mailer keeps one per worker process), none left."""
    mailer.close_connection()
    yield
    mailer.close_connection()


@pytest.fixture
def test_templates(settings):
    """Adds notifications/tests/templates (test_message-* templates) to the template dirs."""
    engine = {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEST_TEMPLATES]}
    settings.TEMPLATES = [engine, *settings.TEMPLATES[1:]]


@pytest.fixture(scope="session")
def smtp_server():
    sink = SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture
def smtp_sink(smtp_server):
    smtp_server.clear()
    yield smtp_server
    smtp_server.clear()


@pytest.fixture
def smtp_settings(settings, smtp_sink):
    """Django's SMTP backend pointed at the stand-in server."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_sink.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    return settings


@pytest.fixture(scope="session")
def sms_server():
    stand_in = SmsRuStandIn().start()
    yield stand_in
    stand_in.stop()


@pytest.fixture
def sms_gateway(sms_server):
    sms_server.reset()
    yield sms_server
    sms_server.reset()


@pytest.fixture
def smsru_settings(settings, sms_gateway):
    settings.SMS_BACKEND = "smsru"
    settings.SMS_RU_URL, settings.SMS_RU_API_ID = sms_gateway.url, SMS_RU_API_ID
    settings.SMS_RU_SENDER, settings.SMS_RU_TEST = "", False
    settings.SMS_RU_TIMEOUT = (1, 1)
    return settings


@pytest.fixture
def closed_port():
    """A local port nobody listens on: connections are refused at once."""
    return free_port()


@pytest.fixture
def use_broker():
    """Switch this process's Celery from eager to a real broker URL (callable again to repoint)."""
    previous = celery_app.conf.broker_url

    def point_at(url):
        celery_app.conf.task_always_eager = False
        celery_app.conf.broker_url = url
        _drop_broker_connections()
        return url

    yield point_at
    celery_app.conf.broker_url = previous
    _drop_broker_connections()


def _drop_broker_connections():
    # Celery caches a connection pool and a producer pool built for the broker URL of the time;
    # both must go for a new URL to take effect (app.close() forgets only the first). The pools
    # stay open in kombu's registry, keyed by URL, and are found again when the URL comes back.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def clean_test_redis(test_redis_url):
    flush_redis(test_redis_url)
    yield test_redis_url
    flush_redis(test_redis_url)


@pytest.fixture
def start_worker(transactional_db, smtp_sink, sms_gateway, tmp_path):
    """start_worker(broker_url) -> a running worker subprocess; all are stopped at teardown."""
    workers = []

    def start(broker_url, extra_env=None, **options):
        env = {
            **(extra_env or {}),
            "DATABASE_URL": database_url(connection.settings_dict),
            "REDIS_URL": broker_url,
            "EMAIL_URL": smtp_sink.url,
            "SMS_BACKEND": "smsru",
            "SMS_RU_URL": sms_gateway.url,
            "SMS_RU_API_ID": SMS_RU_API_ID,
            "SMS_RU_TEST": "false",
        }
        worker = CeleryWorker(env=env, log_path=tmp_path / f"worker-{len(workers)}.log", **options)
        workers.append(worker)
        return worker.start()

    yield start
    for worker in workers:
        worker.stop()


@pytest.fixture
def private_redis():
    """A redis-server of this test alone, which the test may stop and start again on its port."""
    if shutil.which("redis-server") is None:
        reason = "redis-server is not installed"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(reason)
        pytest.skip(reason)
    server = RedisServer().start()
    yield server
    server.stop()
