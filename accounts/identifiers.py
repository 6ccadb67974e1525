"""What a typed login identifier means (issue 11: "identifier read as login or e-mail").

Rules, applied by registration, login, the login locks and password reset alike:
- a login name never contains "@", so nothing typed can be both a login and an e-mail address;
- an identifier with "@" is an e-mail address and finds an account only through a *verified*
  address (an unverified one proves nothing about who owns the mailbox);
- nothing here creates or attaches an address.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import User


def validate_login_name(value):
    """A login name is not an e-mail address: "@" would make login and password reset read it as one."""
    if "@" in (value or ""):
        raise ValidationError(
            _("A login cannot contain «@»: use letters, digits and the characters «.», «+», «-» and «_»."),
            code="login_with_at")


# allauth reads this list through ACCOUNT_USERNAME_VALIDATORS (registration, admin-free flows).
USERNAME_VALIDATORS = [UnicodeUsernameValidator(), validate_login_name]


def looks_like_email(identifier):
    return "@" in (identifier or "")


def users_by_verified_email(email, *, is_active=None):
    """Users whose verified address is `email` (case-insensitive); unverified addresses are ignored."""
    rows = EmailAddress.objects.filter(email__iexact=(email or "").strip(), verified=True)
    if is_active is not None:
        rows = rows.filter(user__is_active=is_active)
    return [row.user for row in rows.select_related("user")]


def user_by_login_name(login, *, is_active=None):
    if not login or looks_like_email(login):
        return None
    users = User.objects.filter(username__iexact=login.strip())
    if is_active is not None:
        users = users.filter(is_active=is_active)
    return users.first()


def verified_primary_email(user):
    """The address password-reset links and security notices may go to, or None."""
    row = EmailAddress.objects.filter(user=user, verified=True).order_by("-primary", "pk").first()
    return row.email if row else None
