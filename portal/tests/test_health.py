"""/health/: 200 while the database and storage work, details only for staff, Redis reported not fatal."""

import pytest
from django.urls import reverse

from notifications.testing import free_port
from portal import cache as resilient

pytestmark = pytest.mark.django_db
URL = reverse("health")


def test_anonymous_callers_get_only_the_verdict(client):
    response = client.get(URL)
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.fixture(autouse=True)
def redis_state_forgotten():
    """An earlier test may have left the cache believing Redis is down (portal.cache waits before retrying)."""
    resilient.reset_state()
    yield
    resilient.reset_state()


def test_staff_see_every_check(client, staff):
    client.force_login(staff)
    answer = client.get(URL).json()
    assert answer["status"] == "ok"
    # The broker is checked too where Celery has one (REDIS_URL, as in production).
    assert answer["checks"].items() >= {"database": "ok", "storage": "ok", "cache": "ok"}.items()
    assert set(answer["checks"].values()) == {"ok"}


def test_a_dead_redis_is_reported_to_staff_but_keeps_the_node_in_the_balancer(client, staff, settings):
    dead = f"redis://127.0.0.1:{free_port()}/0"
    settings.CACHES = {"default": {"BACKEND": "portal.cache.ResilientRedisCache", "LOCATION": dead,
                                   "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}}}
    settings.CELERY_BROKER_URL = dead
    resilient.reset_state()
    client.force_login(staff)
    response = client.get(URL)
    answer = response.json()
    assert response.status_code == 200 and answer["status"] == "ok"
    assert answer["checks"]["cache"] != "ok" and answer["checks"]["broker"] != "ok"
    assert answer["degraded_cache_operations"]
    resilient.reset_state()


def test_a_broken_storage_takes_the_node_out(client, settings, tmp_path):
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the uploads folder should be")
    settings.MEDIA_ROOT = blocked
    response = client.get(URL)
    assert response.status_code == 503 and response.json() == {"status": "unavailable"}
