from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings


def query_counts(client, url, add_rows, times=10, reset=None):
    """The number of SQL queries rendering a page makes before and after `add_rows` is called `times`
    times. The page cache is off (a cached page makes none), and a first visit warms the session (and
    one more after the rows are added);
    `reset()`, if given, runs before each counted visit (e.g. to empty a summary cache)."""
    with override_settings(PAGE_CACHE_ENABLED=False):
        client.get(url)
        counts = []
        for step in range(2):
            if step:
                for _ in range(times):
                    add_rows()
                # A visit right after writes may refill what they invalidated (with Redis as the cache:
                # the cached user, the second factor's answer); the count compared is the steady one.
                client.get(url)
            if reset:
                reset()
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            counts.append(len(captured))
    return tuple(counts)
