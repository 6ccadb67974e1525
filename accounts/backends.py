from allauth.account.auth_backends import AuthenticationBackend
from django.core.exceptions import PermissionDenied

from accounts import lockout


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
