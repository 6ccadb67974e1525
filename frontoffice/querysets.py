from django.db import models

from accounts.roles import FRONT_OFFICE, in_group


def is_operator(user):
    return user.is_authenticated and (user.is_superuser or in_group(user, FRONT_OFFICE))


def operator_branch_ids(user):
    """The cities whose documents the user receives: "all" for a superuser, the ids of the branches a
    front-office operator is on the staff of (portal.Branch.staff), or None for a non-operator.
    An operator works for their executive body's cities only (seed 004: the staff «исполнительной
    власти»), so another city's services and intakes are not theirs (404)."""
    from portal.models import staff_branch_ids

    if not is_operator(user):
        return None
    if user.is_superuser:
        return "all"
    return staff_branch_ids(user)


class ServiceQuerySet(models.QuerySet):
    def for_operator(self, user):
        branches = operator_branch_ids(user)
        if branches is None:
            return self.none()
        return self if branches == "all" else self.filter(branch_id__in=branches)


class IntakeQuerySet(models.QuerySet):
    def for_viewer(self, user):
        """Who may see an intake, the representative's passport with it (issue 15 «Privacy»): the front
        office of the service's city and the case's executor (the one the service named at registration;
        superusers too). Other staff - of the same city included - and the applicant get nothing."""
        if not user.is_authenticated:
            return self.none()
        branches = operator_branch_ids(user)
        if branches == "all":
            return self
        mine = models.Q(executor=user)
        if branches:
            mine |= models.Q(service__branch_id__in=branches)
        return self.filter(mine)
