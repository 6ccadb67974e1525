from django.db import models

from appeals.choices import OPEN_STATUSES
from portal.models import staff_branch_ids


def staff_branches(user):
    """The ids of the branches whose appeals the staff member `user` sees, None for all."""
    if user.is_superuser or user.has_perm("appeals.view_all_branches"):
        return None
    return staff_branch_ids(user)


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
        return self.for_branches(staff_branches(user))

    def for_branches(self, branch_ids):
        """Appeals of the branches `branch_ids` (all branches if None): for_staff of a staff member
        whose staff_branches() are `branch_ids`."""
        return self.all() if branch_ids is None else self.filter(branch_id__in=branch_ids)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today):
        return self.open().filter(due_date__lt=today)

    def due_soon(self, today, until):
        return self.open().filter(due_date__gte=today, due_date__lte=until)
