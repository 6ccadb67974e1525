"""Temporary lock of a login after repeated failures (5 failures -> 15 minutes, never permanent)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import LoginLock, User


def key_for_login(login):
    """One key per account whichever name (login or e-mail) was typed, so they share the counter."""
    login = login.strip().lower()
    user_id = (
        User.objects.filter(Q(username__iexact=login) | Q(emailaddress__email__iexact=login) | Q(email__iexact=login))
        .values_list("pk", flat=True)
        .first()
    )
    return f"user:{user_id}" if user_id else f"login:{login[:150]}"


def locked_until(key):
    """The time the lock ends, or None when the login may try now."""
    until = LoginLock.objects.filter(key=key, locked_until__gt=timezone.now()).values_list("locked_until", flat=True)
    return until.first()


def record_failure(key):
    now = timezone.now()
    with transaction.atomic():
        lock, _created = LoginLock.objects.select_for_update().get_or_create(key=key)
        if lock.locked_until and lock.locked_until <= now:
            lock.failures = 0  # the previous lock has run out: count afresh
            lock.locked_until = None
        lock.failures += 1
        lock.last_failure_at = now
        if lock.failures >= settings.LOGIN_LOCK_FAILURES:
            lock.locked_until = now + timedelta(minutes=settings.LOGIN_LOCK_MINUTES)
        lock.save()


def clear(key):
    LoginLock.objects.filter(key=key).delete()
