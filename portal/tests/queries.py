from django.db import connection
from django.test.utils import CaptureQueriesContext


def query_counts(client, url, add_rows, times=10):
    """The number of SQL queries a page makes before and after `add_rows` is called `times` times."""
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for _ in range(times):
        add_rows()
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    return len(before), len(after)
