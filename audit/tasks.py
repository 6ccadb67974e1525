import datetime

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from audit.search import purge_older_than


@shared_task
def purge_old_audit_entries():
    """Daily: the audit keeps AUDIT_RETENTION_DAYS (3 years by default), then its rows go."""
    return purge_older_than(timezone.now() - datetime.timedelta(days=settings.AUDIT_RETENTION_DAYS))
