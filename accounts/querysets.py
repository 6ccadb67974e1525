from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models


class UserQuerySet(models.QuerySet):
    def applicants(self):
        return self.exclude(applicant_type="")

    def with_profile(self):
        return self.select_related("profile")


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):
    pass
