"""Cached pages and cached users (portal.pagecache, accounts.backends) must follow every change of a
user, a profile or a permission, wherever it is made (forms, admin, services, shell); hence receivers
rather than calls in each place. Every way access can change is followed: a user's own rows and
memberships (either side of the many-to-many), a group's permissions (either side), a group or a
permission deleted, and User.objects.filter(...).update(...) (accounts.querysets.UserQuerySet.update).
Branch membership is followed in portal.cache_invalidation."""

from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from accounts.backends import cached_user_key
from accounts.models import Profile, User
from accounts.querysets import users_updated
from portal import cache_invalidation as portal_invalidation
from portal import pagecache


def user_changed(user_id):
    if not pagecache.enabled():
        return
    transaction.on_commit(lambda: cache.delete(cached_user_key(user_id)))
    pagecache.invalidate(pagecache.user_scope(user_id))


def users_changed(user_ids):
    """`user_changed` for many users; past a few hundred, every page goes at once instead."""
    user_ids = list(user_ids)
    if len(user_ids) > 200:
        pagecache.invalidate(pagecache.REFERENCE)
        if pagecache.enabled():
            keys = [cached_user_key(user_id) for user_id in user_ids]
            transaction.on_commit(lambda: cache.delete_many(keys))
        return
    for user_id in user_ids:
        user_changed(user_id)


def _users_updated(sender, user_ids, **kwargs):
    users_changed(user_ids)


def _group_deleted(sender, instance, **kwargs):
    # Deleting a group removes its memberships without m2m_changed: its members lose its permissions.
    pagecache.invalidate(pagecache.REFERENCE)


def _group_deleting(sender, instance, **kwargs):
    users_changed(instance.user_set.values_list("pk", flat=True))


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
    users_updated.connect(_users_updated, dispatch_uid="pagecache-users-updated")
    pre_delete.connect(_group_deleting, sender=Group, dispatch_uid="pagecache-group-deleting")
    post_delete.connect(_group_deleted, sender=Group, dispatch_uid="pagecache-group-deleted")
    # A permission deleted (its model removed). (Rows of the auto-created through tables written directly,
    # through.objects.create() or .filter().delete(), send no signal at all in Django: use the relations.)
    portal_invalidation.connect_scope(pagecache.REFERENCE, Permission)
