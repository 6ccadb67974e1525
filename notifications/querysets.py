from django.db import models
from django.utils import timezone


class NotificationQuerySet(models.QuerySet):
    def queued_before(self, moment):
        """Queued rows that were due at `moment` or earlier: their task should have run by now."""
        return self.filter(status="queued", next_attempt_at__lte=moment)

    def stuck_sending(self):
        """Rows claimed by a worker that stopped renewing their lease (notifications.lease): it died."""
        return self.filter(status="sending", lease_until__lt=timezone.now())

    def for_user(self, user):
        return self.filter(user=user)
