from django.db import models

from accounts.roles import FRONT_OFFICE, in_group


def is_operator(user):
    return user.is_authenticated and (user.is_superuser or in_group(user, FRONT_OFFICE))


class IntakeQuerySet(models.QuerySet):
    def for_viewer(self, user):
        """The front office sees every intake; a case's executors (staff of its city) see that case's intake,
        representative's passport included; anyone else nothing."""
        from appeals.models import Appeal
        from applications.models import Application

        if is_operator(user):
            return self
        return self.filter(models.Q(application__in=Application.objects.for_staff(user))
                           | models.Q(appeal__in=Appeal.objects.for_staff(user)))
