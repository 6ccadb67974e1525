from allauth.account.auth_backends import AuthenticationBackend
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from accounts import identifiers, lockout
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

    def _authenticate(self, request, **credentials):
        """Issue 11: an identifier with "@" is an e-mail address and matches verified addresses only;
        one without is a login name. allauth's own backend also tries every identifier both ways and
        accepts unverified addresses, which let a login that looks like someone's address log in as
        its owner's account and then attach that address (see accounts.identifiers)."""
        login = credentials.get("email") or credentials.get("username") or ""
        password = credentials.get("password") or ""
        if identifiers.looks_like_email(login):
            for user in identifiers.users_by_verified_email(login):
                if self._check_password(user, password):
                    return user
            return None
        return self._check_password(identifiers.user_by_login_name(login), password)

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
