"""The Redis cache that a dead Redis cannot take down: every request still works from the database.

`ResilientRedisCache` is Django's RedisCache with short socket timeouts whose operations never raise
a connection error. When Redis does not answer, each operation degrades the way its caller can live
with, writes one warning to the log per outage and counts the event (`degraded_counts()`, shown to
staff on /health/):

- reads miss (sessions come from the database through cached_db, the logged-in user from the
  database, pages are rendered afresh);
- writes and deletes are skipped;
- `add` succeeds, so allauth's rate limits fail open (the per-login lockout is in the database);
- keys of one-time codes (allauth's used TOTP codes) go to the database cache `fallback` instead, so
  a code still cannot be replayed.

After a failed operation Redis is left alone for `REDIS_RETRY_SECONDS`: a request never waits on a
dead Redis longer than one socket timeout, and then not at all until the retry.

Writes skipped during an outage include invalidations (a deleted session, a changed user, a new page
version). Redis may come back with its old data (persistence, a network split), so the first process
that reaches Redis again replaces the *epoch* that every session, cached user and cached page key
contains: nothing cached before the outage can be found afterwards. Other processes read the epoch at
most once every `EPOCH_MEMO_SECONDS`.
"""

import logging
import threading
import time
import uuid
from collections import Counter

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("portal.cache")

REDIS_DOWN_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
EPOCH_KEY = "cache-epoch"
EPOCH_MEMO_SECONDS = 1.0
# Keys whose loss would weaken security rather than cost time: kept in the database while Redis is down.
DATABASE_FALLBACK_PREFIXES = ("allauth.mfa.",)
COMPONENTS = (  # key prefix -> what the metric calls it
    ("django.contrib.sessions", "sessions"),
    ("auth-user:", "user"),
    ("page", "pagecache"),
    ("allauth.mfa.", "codes"),
    ("allauth", "ratelimit"),
    (EPOCH_KEY, "epoch"),
)

_state = threading.local()
_lock = threading.Lock()
_counts = Counter()
_outage = {"down_until": 0.0, "seen": False, "recoveries": 0}
_epoch_memo = {"value": "", "read_at": -EPOCH_MEMO_SECONDS}


def degraded_counts():
    """{"sessions": 3, "pagecache": 12, ...}: cache operations answered without Redis in this process."""
    with _lock:
        return dict(_counts)


def reset_state():
    """Tests: forget outages, counters and the memoised epoch."""
    with _lock:
        _counts.clear()
        _outage.update(down_until=0.0, seen=False)
        _epoch_memo.update(value="", read_at=-EPOCH_MEMO_SECONDS)


def component(key):
    key = str(key)
    return next((name for prefix, name in COMPONENTS if key.startswith(prefix)), "other")


def _retry_seconds():
    return getattr(settings, "REDIS_RETRY_SECONDS", 5)


def _fallback_cache():
    return caches["fallback"]


def _uses_database(key):
    return str(key).startswith(DATABASE_FALLBACK_PREFIXES) and "fallback" in settings.CACHES


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one `redis.Redis` per connection pool. Django makes a new one for
    every operation, and each copies Redis's table of ~200 response callbacks: a few such operations
    (session, user, page cache) on every request cost ~0.3 ms (issue 18). A `redis.Redis` holds no
    connection of its own (they are the pool's), so sharing it is safe."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """RedisCache whose operations degrade instead of raising when Redis is unreachable (module doc)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    def _call(self, operation, keys, degraded, *args, **kwargs):
        key_list = [keys] if isinstance(keys, str) else list(keys)
        if any(_uses_database(key) for key in key_list) and _is_down():
            return getattr(_fallback_cache(), operation)(keys, *args, **kwargs)
        if _is_down():
            return _degrade(operation, key_list, degraded, None)
        try:
            result = getattr(super(), operation)(keys, *args, **kwargs)
        except REDIS_DOWN_ERRORS as error:
            if any(_uses_database(key) for key in key_list):
                _record(operation, key_list, error)
                return getattr(_fallback_cache(), operation)(keys, *args, **kwargs)
            return _degrade(operation, key_list, degraded, error)
        _recovered(self)
        return result

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, default=default, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, {}, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, None, value, timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, list(data), timeout, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, True, value, timeout, version=version)  # fail open: rate limits

    def delete(self, key, version=None):
        return self._call("delete", key, False, version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, None, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, False, timeout, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, False, version=version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta, delta, version=version)

    def clear(self):
        if _is_down():
            return _degrade("clear", [], False, None)
        try:
            return super().clear()
        except REDIS_DOWN_ERRORS as error:
            return _degrade("clear", [], False, error)


def _is_down():
    return time.monotonic() < _outage["down_until"]


def _degrade(operation, key_list, degraded, error):
    _record(operation, key_list, error)
    return degraded


def _record(operation, key_list, error):
    names = {component(key) for key in key_list} or {"other"}
    with _lock:
        for name in names:
            _counts[name] += 1
        first = not _outage["seen"]
        _outage["seen"] = True
        if error is not None:
            _outage["down_until"] = time.monotonic() + _retry_seconds()
    if first:
        logger.warning("Redis is unreachable (%s); cache operations fall back to the database for now",
                       type(error).__name__ if error else "retry pending", extra={"cache_component": sorted(names)})


def _recovered(cache):
    """The first successful operation after an outage: replace the epoch (see the module doc)."""
    if not _outage["seen"]:
        return
    with _lock:
        if not _outage["seen"]:
            return
        _outage["seen"] = False
    try:
        RedisCache.set(cache, EPOCH_KEY, uuid.uuid4().hex, None)
    except REDIS_DOWN_ERRORS:
        with _lock:
            _outage["seen"] = True
        return
    _epoch_memo["read_at"] = -EPOCH_MEMO_SECONDS
    _outage["recoveries"] += 1
    logger.warning("Redis is reachable again; entries cached before the outage are dropped")


def epoch():
    """The current cache epoch (part of session, user and page keys), memoised for a second.

    During an outage (or before its end is confirmed) it is a fresh random value, which matches
    nothing cached, and never memoised."""
    now = time.monotonic()
    if not _outage["seen"] and now - _epoch_memo["read_at"] < EPOCH_MEMO_SECONDS:
        return _epoch_memo["value"]
    cache = caches["default"]
    recoveries = _outage["recoveries"]
    value = cache.get(EPOCH_KEY)
    if _outage["recoveries"] != recoveries:  # this very read ended an outage and replaced the epoch
        value = cache.get(EPOCH_KEY)
    if _outage["seen"]:
        return f"outage-{uuid.uuid4().hex}"
    if value is None:
        cache.add(EPOCH_KEY, uuid.uuid4().hex, None)
        value = cache.get(EPOCH_KEY) or ""
    _epoch_memo.update(value=value, read_at=now)
    return value
