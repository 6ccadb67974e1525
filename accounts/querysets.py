from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.dispatch import Signal

# Sent by UserQuerySet.update (which sends no post_save) with the ids of the users it changed.
users_updated = Signal()


class UserQuerySet(models.QuerySet):
    def applicants(self):
        return self.exclude(applicant_type="")

    def with_profile(self):
        return self.select_related("profile")

    def visible_to_staff(self, staff_user):
        """The users `staff_user` may look at in the admin (accounts.visibility)."""
        from accounts import visibility

        return visibility.users_for_staff(self, staff_user)

    def update(self, **fields):
        """As QuerySet.update, and the changed users' cached pages and cached copies go (it sends no
        post_save, and is_active, is_staff or is_superuser may change what a user may see)."""
        user_ids = list(self.values_list("pk", flat=True))
        count = super().update(**fields)
        users_updated.send(sender=self.model, user_ids=user_ids)
        return count


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):
    pass
