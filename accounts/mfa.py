"""Staff multi-factor authentication policy (DESIGN "staff MFA"; issue 11).

Who must use a second factor: superusers, `is_staff` users (the admin) and members of the staff groups
(utility staff, municipal reviewers, front office). Such a user with no TOTP app or security key is
sent to enrol before any other page opens (accounts.middleware). Once enrolled, allauth asks for the
second factor at every login, including the admin's, which goes through the portal's login.

The answer "this user may pass" is kept in the cache (a cached page must cost no SQL) and dropped
whenever an authenticator, the user row or their groups change.
"""

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.webauthn.forms import AddWebAuthnForm
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import STAFF_GROUPS, in_group

SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)
_PASS_KEY = "mfa-pass:{}"
_PASS_SECONDS = 300


def mfa_required(user):
    if user.is_superuser or user.is_staff:
        return True
    return in_group(user, *STAFF_GROUPS)


def has_second_factor(user):
    return Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS).exists()


def must_enrol(user):
    """True when the user has a staff role and no second factor yet (cached while the answer is no)."""
    if not settings.MFA_STAFF_REQUIRED:
        return False
    key = _PASS_KEY.format(user.pk)
    if _cache_call(cache.get, key):
        return False
    if mfa_required(user) and not has_second_factor(user):
        return True
    _cache_call(cache.set, key, True, _PASS_SECONDS)
    return False


def _cache_call(method, *args):
    """The cache only saves queries here: with Redis down the answer comes from the database."""
    try:
        return method(*args)
    except Exception:  # noqa: BLE001 - any cache backend error means "not cached"
        return None


def forget(user_id):
    """Drop the cached pass now and again after commit (a request in between may have cached the old rows)."""
    key = _PASS_KEY.format(user_id)
    _cache_call(cache.delete, key)
    transaction.on_commit(lambda: _cache_call(cache.delete, key))


class PortalMFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator):
        """Staff keep at least one second factor: removing the last one would lock them out of their
        work at the next request anyway, and would leave the account with a password only meanwhile."""
        user = authenticator.user
        if authenticator.type in SECOND_FACTORS and settings.MFA_STAFF_REQUIRED and mfa_required(user):
            others = Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS).exclude(pk=authenticator.pk)
            return others.exists()
        return super().can_delete_authenticator(authenticator)


class PortalAddWebAuthnForm(AddWebAuthnForm):
    """allauth's form of a new security key, with a Russian label for the key's name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Name of the key (to tell your keys apart)")


def _authenticator_changed(sender, instance, **kwargs):
    forget(instance.user_id)


def _user_changed(sender, instance, **kwargs):
    forget(instance.pk)


def _groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    for user_id in (pk_set or ()) if reverse else (instance.pk,):
        forget(user_id)
    if reverse and action == "post_clear":
        _cache_call(cache.delete_many, [_PASS_KEY.format(pk) for pk in instance.user_set.values_list("pk", flat=True)])


def connect():
    post_save.connect(_authenticator_changed, sender=Authenticator, dispatch_uid="mfa-pass-authenticator-saved")
    post_delete.connect(_authenticator_changed, sender=Authenticator, dispatch_uid="mfa-pass-authenticator-deleted")
    post_save.connect(_user_changed, sender=User, dispatch_uid="mfa-pass-user-saved")
    m2m_changed.connect(_groups_changed, sender=User.groups.through, dispatch_uid="mfa-pass-user-groups")
