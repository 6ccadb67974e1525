from celery import shared_task

from integrations.services import api_records_purge


@shared_task
def purge_api_records_task():
    return api_records_purge()
