from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models


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
        from accounts.cache_invalidation import users_changed

        user_ids = list(self.values_list("pk", flat=True))
        count = super().update(**fields)
        users_changed(user_ids)
        return count


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):
    pass
