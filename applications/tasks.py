from celery import shared_task

from applications.services import annul_expired_corrections


@shared_task
def annul_expired_corrections_task():
    return annul_expired_corrections()
