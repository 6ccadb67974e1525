"""The sweep token: at most one transaction's delivery task waiting for a worker at a time (issue 18).

A transaction's task, once started, sends its own rows and then every other due row, in batches
(delivery.notifications_deliver). So while one such task waits in the broker, a later transaction's
rows need no task of their own: that one will find them. Publishing a Celery task and running it cost
more than sending the two messages of a typical event; with a task per transaction the outbox ran at
0.3–0.4 of the rate of the same rows sent directly.

The token is a key in the broker's Redis, set (SET NX) by the transaction that publishes and deleted by
its task when it starts, before it claims anything. Why no row is left behind: a transaction commits
its rows, then tries to take the token. If it cannot, the token's task has not started yet (it deletes
the token first, then reads the due rows), so that task's reads come after this commit and see the
rows. If it can, it publishes as before. A token whose task was lost (Redis flushed, the task's
message gone) expires after TOKEN_SECONDS; until then rows wait, and the periodic re-queue still
publishes any left unsent (NOTIFICATIONS_REQUEUE_AFTER_SECONDS).

No token is used (every transaction publishes, as before) when batches are off
(NOTIFICATIONS_BATCH_SIZE = 0: a task sends only its own rows), when tasks run eagerly, or when the
broker is not Redis.
"""

import functools
import logging

import redis
from celery import current_app
from django.conf import settings

logger = logging.getLogger(__name__)

TOKEN_KEY = "notifications:sweep-pending"
TOKEN_SECONDS = 30
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


def take() -> bool:
    """True when the caller must publish its task: it holds the token now, or there is no token to
    share (see the module's docstring); False when a waiting task will send the caller's rows.
    Raises redis.RedisError when the broker's Redis does not answer: then a publish would fail too
    (after its own timeouts), so the caller leaves the rows to the periodic re-queue."""
    client = _client()
    if client is None:
        return True
    return bool(client.set(TOKEN_KEY, "1", nx=True, ex=TOKEN_SECONDS))


def release():
    """Give the token back: called by a task as it starts (before it claims rows), and by a
    publisher whose publish failed. A failure is logged; the token then expires by itself."""
    client = _client()
    if client is None:
        return
    try:
        client.delete(TOKEN_KEY)
    except redis.RedisError:
        logger.warning("Could not release the notifications sweep token; it expires in %s s", TOKEN_SECONDS,
                       exc_info=True)


def _client():
    if not settings.NOTIFICATIONS_BATCH_SIZE or current_app.conf.task_always_eager:
        return None
    url = str(current_app.conf.broker_url or "")
    return _redis(url) if url.startswith(REDIS_SCHEMES) else None


@functools.lru_cache(maxsize=8)
def _redis(url):
    # Short: a Redis that hangs holds the response of the event that queued the rows (the page a user
    # waits for) for this long, and then nothing is published (the re-queue publishes the rows).
    return redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
