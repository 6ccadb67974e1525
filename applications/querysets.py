import datetime

from django.db import models

from applications.choices import APPLICANT_TURN, STAFF_TURN, Status
from portal.models import staff_branch_ids


def staff_branches(user):
    """The ids of the branches whose applications the staff member `user` sees, None for all."""
    if user.is_superuser or user.has_perm("applications.view_all_branches"):
        return None
    return staff_branch_ids(user)


class ApplicationQuerySet(models.QuerySet):
    def for_applicant(self, user):
        """Only the applicant's own applications: every other one is a 404 for them."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(applicant=user)

    def for_staff(self, user):
        """Submitted applications of the staff member's branches; managers see every branch."""
        if not user.is_authenticated or not user.is_staff:
            return self.none()
        return self.for_branches(staff_branches(user))

    def for_branches(self, branch_ids):
        """Submitted applications of the branches `branch_ids` (all branches if None): for_staff of
        a staff member whose staff_branches() are `branch_ids`."""
        submitted = self.exclude(status=Status.DRAFT)
        return submitted if branch_ids is None else submitted.filter(branch_id__in=branch_ids)

    def filtered(self, *, date_from=None, date_to=None, kind="", status="", supply_type=""):
        """Seed 001 table 5: period, application type, status, supply type."""
        queryset = self
        if date_from:
            queryset = queryset.filter(created_at__date__gte=date_from)
        if date_to:
            queryset = queryset.filter(created_at__date__lte=date_to)
        if kind:
            queryset = queryset.filter(kind=kind)
        if status:
            queryset = queryset.filter(status=status)
        if supply_type:
            queryset = queryset.filter(supply_type=supply_type)
        return queryset

    def waiting_for_staff(self):
        return self.filter(status__in=STAFF_TURN)

    def overdue(self, today):
        return self.filter(status__in=STAFF_TURN | APPLICANT_TURN, due_date__lt=today)

    def due_soon(self, today, until):
        return self.filter(status__in=STAFF_TURN, due_date__gte=today, due_date__lte=until)

    def correction_expired(self, today):
        return self.filter(status=Status.NEEDS_CORRECTION, due_date__lt=today)

    def submitted_between(self, start: datetime.date, end: datetime.date):
        return self.filter(submitted_at__date__gte=start, submitted_at__date__lte=end)
