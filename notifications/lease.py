"""The short lease of a row being sent, renewed by a background thread for as long as the send lasts.

A worker that dies (kill -9, OOM, a lost machine) stops renewing, so its rows are recovered within
NOTIFICATIONS_LEASE_SECONDS instead of the old 15 minutes; a slow but living send keeps its row.
"""

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

logger = logging.getLogger(__name__)


def lease_seconds():
    return settings.NOTIFICATIONS_LEASE_SECONDS


def lease_end():
    return timezone.now() + timedelta(seconds=lease_seconds())


class LeaseKeeper:
    """`with LeaseKeeper(queryset):` pushes the lease of the row(s) in `queryset` forward every third
    of a lease until the block ends. The first renewal comes only after a third of a lease, so a
    quick send writes nothing more."""

    def __init__(self, queryset):
        self.queryset = queryset
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="notification-lease", daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join()

    def _run(self):
        try:
            while not self._stop.wait(lease_seconds() / 3):
                if not self.queryset.update(lease_until=lease_end()):
                    logger.warning("Lost the lease of a notification being sent")
                    return
        except Exception:  # the database is unreachable: the send goes on, the lease may lapse
            logger.warning("Could not renew a notification's lease", exc_info=True)
        finally:
            connection.close()  # this thread's own connection
