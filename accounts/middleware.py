"""Request-wide account rules: forced MFA enrolment of staff, throttled user-session activity."""

import functools

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import redirect
from django.urls import get_script_prefix, reverse

from accounts import mfa

# Where a staff member without a second factor may still go: the enrolment pages themselves, the
# password re-entry they ask for, logging out, and static files.
_ENROLMENT_URL_NAMES = ("accounts:mfa_required", "mfa_index", "account_logout", "account_reauthenticate",
                        "mfa_reauthenticate")


class StaffMFARequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not self._open_path(request.path) and mfa.must_enrol(user):
            return redirect("accounts:mfa_required")
        return self.get_response(request)

    @staticmethod
    def _open_path(path):
        if path.startswith((settings.STATIC_URL, "/captcha/")):
            return True
        mfa_prefix, enrolment_paths = _open_urls(get_script_prefix())
        return path.startswith(mfa_prefix) or path in enrolment_paths  # TOTP, recovery codes, security keys


@functools.lru_cache(maxsize=8)
def _open_urls(script_prefix):
    """(the MFA pages' prefix, the enrolment paths): reversed once per script prefix, not on every
    request of every logged-in user (issue 18)."""
    return reverse("mfa_index"), frozenset(reverse(name) for name in _ENROLMENT_URL_NAMES)


class UserSessionActivityMiddleware:
    """allauth's user-session activity ("last seen", IP, device), written at most every few minutes
    per session: allauth's own middleware writes on every request, which would cost SQL on pages
    answered from the page cache."""

    SECONDS = 300

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session_key = getattr(getattr(request, "session", None), "session_key", None)
        user = getattr(request, "user", None)
        if session_key and user is not None and user.is_authenticated and self._due(session_key):
            UserSession.objects.create_from_request(request)
        return self.get_response(request)

    def _due(self, session_key):
        try:
            return cache.add(f"usersession-seen:{session_key}", 1, self.SECONDS)
        except Exception:  # noqa: BLE001 - the cache (Redis) is down: "last seen" may wait, the page may not
            return False
