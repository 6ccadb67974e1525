from allauth.account.auth_backends import AuthenticationBackend
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import connection

from accounts import identifiers, loading, lockout
from accounts.roles import GROUP_NAMES_ATTRIBUTE
from portal import pagecache
from portal.cache import epoch
from portal.models import STAFF_BRANCH_IDS_ATTRIBUTE

# What a request reads of its user besides the row, loaded with it (accounts.roles.group_names,
# portal.models.staff_branch_ids). Never kept in the shared cache: branch membership drops cached
# pages, not cached users (portal.cache_invalidation), so a cached copy could keep an old branch.
PER_REQUEST_ATTRIBUTES = (GROUP_NAMES_ATTRIBUTE, STAFF_BRANCH_IDS_ATTRIBUTE)


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
        cached page costs no SQL); accounts.cache_invalidation drops the copy whenever the row changes.
        Read from the database, it comes with its groups and branches in the same query."""
        if not pagecache.enabled():
            return self._load_user(user_id)
        key = cached_user_key(user_id)
        user = cache.get(key)
        if user is None:
            user = self._load_user(user_id)
            if user is not None:
                per_request = {name: user.__dict__.pop(name) for name in PER_REQUEST_ATTRIBUTES
                               if name in user.__dict__}
                cache.set(key, user, settings.PAGE_CACHE_SECONDS)
                user.__dict__.update(per_request)
        return user

    def _load_user(self, user_id):
        """The active user `user_id` or None. On PostgreSQL the names of its groups and the ids of its
        branches come as arrays in the user's own query (issue 18: every page asks about the roles,
        every staff page about the branches: a round trip fewer a page, two on staff pages)."""
        if connection.vendor != "postgresql":
            return super().get_user(user_id)
        loaded = loading.load_user(user_id)
        if loaded is None or not self.user_can_authenticate(loaded[0]):
            return None
        user, group_names, branch_ids = loaded
        setattr(user, GROUP_NAMES_ATTRIBUTE, group_names)
        setattr(user, STAFF_BRANCH_IDS_ATTRIBUTE, branch_ids)
        return user

    def get_all_permissions(self, user_obj, obj=None):
        """Django's answer, read in one query (the user's own permissions UNION its groups')
        instead of two: the admin and the staff pages ask on every request (issue 18)."""
        if (obj is None and user_obj.is_active and not user_obj.is_anonymous and not user_obj.is_superuser
                and not hasattr(user_obj, "_perm_cache")):
            user_obj._perm_cache = loading.permission_names(user_obj.pk)
        return super().get_all_permissions(user_obj, obj)
