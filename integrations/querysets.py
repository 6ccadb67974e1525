from django.db import models
from django.db.models import Q

from integrations.choices import DelegationStatus, SystemKind, SystemStatus


class InformationSystemQuerySet(models.QuerySet):
    def for_operator(self, user):
        """An organisation sees the systems it operates; anyone else's is a 404."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(operator=user)

    def for_reviewer(self, user):
        """Reviewers see every application past the draft."""
        if not user.is_authenticated or not user.has_perm("integrations.change_informationsystem"):
            return self.none()
        return self.exclude(status=SystemStatus.DRAFT)

    def delegable(self, organisation):
        """Systems an organisation may grant rights to: its own active ones, and every active commercial one."""
        return self.filter(status=SystemStatus.ACTIVE).filter(
            Q(operator=organisation, kind=SystemKind.OWN) | Q(kind=SystemKind.COMMERCIAL))


class DelegationQuerySet(models.QuerySet):
    def granted_by(self, user):
        """The organisation's own requests."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(organisation=user)

    def received_by(self, user):
        """Requests addressed to the systems this organisation operates (seed 002 «Полученные заявки»)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(system__operator=user)

    def in_force(self, day):
        return self.filter(status=DelegationStatus.ACCEPTED, starts_on__lte=day).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=day))
