from django.db import models
from django.db.models import Q

from agreements.choices import Status


class AgreementQuerySet(models.QuerySet):
    def for_reviewer(self, user):
        """Reviewers see every agreement past the draft; drafts belong to an anonymous browser session."""
        if not user.is_authenticated or not user.has_perm("agreements.change_agreement"):
            return self.none()
        return self.exclude(status=Status.DRAFT)

    def search(self, text):
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(Q(inn__startswith=text) | Q(org_full_name__icontains=text)
                           | Q(org_short_name__icontains=text) | Q(number__icontains=text))

    def overdue(self, today):
        return self.filter(status=Status.SUBMITTED, due_date__lt=today)

    def due_soon(self, today, until):
        return self.filter(status=Status.SUBMITTED, due_date__gte=today, due_date__lte=until)
