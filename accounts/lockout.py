"""Temporary lock of a login after repeated failures (5 failures within a rolling 15-minute window ->
15 minutes, never permanent); rows nobody needs any more are purged by a periodic task."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import LoginLock, User


def key_for_login(login):
    """One key per account whichever name (login or verified e-mail) was typed, so they share the
    counter; identifiers are read as the backend reads them (accounts.identifiers)."""
    login = login.strip().lower()
    if "@" in login:
        match = Q(emailaddress__email__iexact=login, emailaddress__verified=True)
    else:
        match = Q(username__iexact=login)
    user_id = User.objects.filter(match).values_list("pk", flat=True).first()
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
        elif not lock.locked_until and lock.last_failure_at and lock.last_failure_at <= now - _window():
            lock.failures = 0  # failures older than the window do not add up to a lock
        lock.failures += 1
        lock.last_failure_at = now
        if lock.failures >= settings.LOGIN_LOCK_FAILURES:
            lock.locked_until = now + timedelta(minutes=settings.LOGIN_LOCK_MINUTES)
        lock.save()


def _window():
    return timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)


def purge_stale(now=None):
    """Delete counters whose last failure left the window and whose lock (if any) has ended; returns
    how many went. Rows of typed unknown logins would otherwise pile up forever."""
    now = now or timezone.now()
    stale = LoginLock.objects.filter(Q(locked_until__isnull=True) | Q(locked_until__lte=now),
                                     Q(last_failure_at__isnull=True) | Q(last_failure_at__lte=now - _window()))
    deleted, _detail = stale.delete()
    return deleted


def clear(key):
    LoginLock.objects.filter(key=key).delete()
