from django.db import models

from appeals.choices import OPEN_STATUSES
from portal.models import staff_branch_ids


class AppealQuerySet(models.QuerySet):
    def for_applicant(self, user):
        """Only the applicant's own appeals: every other one is a 404 for them."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(applicant=user)

    def for_staff(self, user):
        """Appeals of the staff member's branches; managers (view_all_branches) see every branch."""
        if not user.is_authenticated or not user.is_staff:
            return self.none()
        if user.is_superuser or user.has_perm("appeals.view_all_branches"):
            return self.all()
        return self.filter(branch_id__in=staff_branch_ids(user))

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today):
        return self.open().filter(due_date__lt=today)

    def due_soon(self, today, until):
        return self.open().filter(due_date__gte=today, due_date__lte=until)
