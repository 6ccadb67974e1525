"""`/health/` for the load balancer (django-health-check's checks, our verdict and our privacy).

The answer is 200 while this node can serve requests: the database and the file storage work. Redis
(the cache and the Celery broker) is reported but does not fail the node: every request works
without it (portal/cache.py) and the outbox delivers once it is back, so taking every node out of the
balancer because Redis is down would turn a degradation into an outage.

Anonymous callers (the balancer) get only {"status": "ok"} or {"status": "unavailable"} (503); staff
also get each check's result and the cache operations answered without Redis in this process.
"""

import asyncio

from django.conf import settings
from django.db import transaction
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET
from health_check.checks import Cache, Database, Storage

from portal.cache import degraded_counts

ESSENTIAL = (Database, Storage)


def _checks():
    checks = [Database(), Storage(), Cache()]
    if settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
        from health_check.contrib.redis import Redis
        from redis.asyncio import Redis as AsyncRedis

        url = settings.CELERY_BROKER_URL
        checks.append(Redis(client_factory=lambda: AsyncRedis.from_url(
            url, socket_connect_timeout=1, socket_timeout=1)))
    return checks


def _name(check):
    return {Database: "database", Storage: "storage", Cache: "cache"}.get(type(check), "broker")


@transaction.non_atomic_requests  # async views cannot run in ATOMIC_REQUESTS' transaction
@require_GET
async def health(request):
    results = await asyncio.gather(*(check.get_result() for check in _checks()))
    healthy = not any(result.error for result in results if isinstance(result.check, ESSENTIAL))
    body = {"status": "ok" if healthy else "unavailable"}
    user = await request.auser()
    if user.is_authenticated and user.is_staff:
        body["checks"] = {_name(result.check): str(result.error) if result.error else "ok" for result in results}
        body["degraded_cache_operations"] = degraded_counts()
    response = JsonResponse(body, status=200 if healthy else 503)
    add_never_cache_headers(response)
    return response
