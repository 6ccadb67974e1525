"""Sessions in the database with a copy in the cache (cached_db), keyed by the cache epoch.

Django's cached_db already reads the database when the cache misses; with `portal.cache` a dead Redis
is a miss. A logout or a session rotated while Redis was down could not delete the cached copy, so the
key carries the epoch that `portal.cache` replaces when Redis is back: the old copy is never read.
"""

from django.contrib.sessions.backends.cached_db import KEY_PREFIX
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbSessionStore

from portal.cache import epoch


class SessionStore(CachedDbSessionStore):
    @property
    def cache_key_prefix(self):
        return f"{KEY_PREFIX}:{epoch()}:"
