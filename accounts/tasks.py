"""Thin periodic tasks of the accounts app."""

from celery import shared_task

from accounts import lockout


@shared_task
def purge_login_locks():
    return lockout.purge_stale()
