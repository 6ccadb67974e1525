from celery import shared_task

from frontoffice.staging import staged_purge


@shared_task
def purge_staged_files():
    """Hourly: files kept for refused intake forms that were never sent again go after a day."""
    return staged_purge()
