"""Stand-ins for the outside world used by the tests and bench/notifications.py.

An SMTP server that keeps what it receives, an HTTP server that answers like SMS.ru, a private
redis-server and a Celery worker subprocess. Nothing here is imported by the running portal.
"""

import socket
import time


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, *, timeout, interval=0.05, message="condition"):
    """Poll `condition` until it is true; AssertionError after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout} s waiting for {message}")
        time.sleep(interval)
