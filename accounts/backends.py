from allauth.account.auth_backends import AuthenticationBackend
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from accounts import lockout
from portal import pagecache
from portal.cache import epoch


def cached_user_key(user_id):
    # The epoch changes when Redis comes back from an outage that may have skipped an invalidation.
    return f"auth-user:{user_id}:{epoch()}"


class LockoutAuthenticationBackend(AuthenticationBackend):
    """allauth's login by username or e-mail, refusing locked logins before any password check.

    Raising PermissionDenied stops Django from trying further backends, so a locked attempt never
    reaches the password hasher, whether it comes from the portal's login page or the admin's.
    """

    def authenticate(self, request, **credentials):
        login = credentials.get("username") or credentials.get("email")
        if not login or credentials.get("password") is None:
            return super().authenticate(request, **credentials)
        key = lockout.key_for_login(login)
        if lockout.locked_until(key):
            raise PermissionDenied("login locked")
        user = super().authenticate(request, **credentials)
        if user is None:
            lockout.record_failure(key)
        else:
            lockout.clear(key)
        return user

    def get_user(self, user_id):
        """The logged-in user of a request, from the shared cache when pages are cached (so that a
        cached page costs no SQL); accounts.cache_invalidation drops the copy whenever the row changes."""
        if not pagecache.enabled():
            return super().get_user(user_id)
        key = cached_user_key(user_id)
        user = cache.get(key)
        if user is None:
            user = super().get_user(user_id)
            if user is not None:
                cache.set(key, user, settings.PAGE_CACHE_SECONDS)
        return user
