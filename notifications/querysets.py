from datetime import timedelta

from django.db import models
from django.utils import timezone


class NotificationQuerySet(models.QuerySet):
    def queued_before(self, moment):
        """Queued rows that were due at `moment` or earlier: their task should have run by now."""
        return self.filter(status="queued", next_attempt_at__lte=moment)

    def stuck_sending(self, *, lease_seconds):
        """Rows claimed by a worker that has not reported back within the lease: it probably died."""
        cutoff = timezone.now() - timedelta(seconds=lease_seconds)
        return self.filter(status="sending", last_attempt_at__lt=cutoff)

    def for_user(self, user):
        return self.filter(user=user)
