from django.db import models
from django.db.models import Q

from addresses.normalize import words
from passports.choices import Status


class PassportQuerySet(models.QuerySet):
    def of_organisation(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(organisation=user)

    def for_reviewer(self, user):
        """Reviewers see every passport that has ever been sent; earlier ones are the organisation's work."""
        if not user.is_authenticated or not user.has_perm("passports.change_passport"):
            return self.none()
        return self.filter(sent_at__isnull=False)

    def search(self, text):
        """By organisation name, INN, number or address (addresses are matched in their normalised form)."""
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(Q(manager_inn__startswith=text) | Q(organisation__profile__inn__startswith=text)
                           | Q(manager_name__icontains=text) | Q(organisation__profile__org_short_name__icontains=text)
                           | Q(organisation__profile__org_full_name__icontains=text) | Q(number__icontains=text)
                           | _address_matches(text))

    def overdue(self, today):
        return self.filter(status=Status.SENT, due_date__lt=today)

    def due_soon(self, today, until):
        return self.filter(status=Status.SENT, due_date__gte=today, due_date__lte=until)

    def accepted_for(self, address):
        return self.filter(address=address, status=Status.ACCEPTED)


def _address_matches(text):
    """Every word typed ("садовая 5") appears in the address, in any order."""
    condition = Q()
    for word in words(text):
        condition &= Q(address__search_text__contains=word)
    return condition if words(text) else Q(pk__in=[])
