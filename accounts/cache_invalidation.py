"""Cached pages and cached users (portal.pagecache, accounts.backends) must follow every change of a
user, a profile or a permission, wherever it is made (forms, admin, services, shell); hence receivers
rather than calls in each place. Queryset.update() bypasses them: the few places that use it call
`user_changed` themselves."""

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from accounts.backends import cached_user_key
from accounts.models import Profile, User
from portal import cache_invalidation as portal_invalidation
from portal import pagecache


def user_changed(user_id):
    if not pagecache.enabled():
        return
    transaction.on_commit(lambda: cache.delete(cached_user_key(user_id)))
    pagecache.invalidate(pagecache.user_scope(user_id))


def _user_saved(sender, instance, **kwargs):
    user_changed(instance.pk)


def _profile_saved(sender, instance, **kwargs):
    user_changed(instance.user_id)


def _memberships_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:  # group.user_set.add(...): the users are in pk_set (all of them on clear)
        for user_id in pk_set or ():
            user_changed(user_id)
        if action == "post_clear":  # pk_set is None: whom it concerned is not told
            pagecache.invalidate(pagecache.REFERENCE)
    else:
        user_changed(instance.pk)


def connect():
    post_save.connect(_user_saved, sender=User, dispatch_uid="pagecache-user-saved")
    post_delete.connect(_user_saved, sender=User, dispatch_uid="pagecache-user-deleted")
    post_save.connect(_profile_saved, sender=Profile, dispatch_uid="pagecache-profile-saved")
    post_delete.connect(_profile_saved, sender=Profile, dispatch_uid="pagecache-profile-deleted")
    m2m_changed.connect(_memberships_changed, sender=User.groups.through, dispatch_uid="pagecache-user-groups")
    m2m_changed.connect(_memberships_changed, sender=User.user_permissions.through,
                        dispatch_uid="pagecache-user-permissions")
    # A group's permissions: every member's pages may show more or less; groups change rarely, so all go.
    portal_invalidation.connect_m2m(pagecache.REFERENCE, Group.permissions.through)
