from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef, Q

from addresses.notices.choices import NoticeStatus


class NoticeQuerySet(models.QuerySet):
    def for_organisation(self, user):
        """An organisation sees its own notices only; anyone else's is a 404."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(organisation=user)

    def for_reviewer(self, user):
        """Reviewers see every notice past the draft: a draft is still the organisation's own business."""
        if not user.is_authenticated or not user.has_perm("addresses.change_notice"):
            return self.none()
        return self.exclude(status=NoticeStatus.DRAFT)

    def search(self, text):
        """Organisation name, INN, notice number or an address."""
        text = (text or "").strip()
        if not text:
            return self
        notice_address = self.model.addresses.through
        address = notice_address._meta.get_field("address").related_model
        # The suggestions' own search (word prefixes, typos forgiven on PostgreSQL): "щорса 8" finds
        # "ул. Щорса, д. 8".
        by_address = notice_address.objects.filter(notice=OuterRef("pk"),
                                                   address__in=address.objects.search(text).values("pk"))
        return self.filter(Q(inn__startswith=text) | Q(org_name__icontains=text) | Q(number__icontains=text)
                           | Exists(by_address))

    def overdue(self, today):
        return self.filter(status=NoticeStatus.SENT, due_date__lt=today)

    def due_soon(self, today, until):
        return self.filter(status=NoticeStatus.SENT, due_date__gte=today, due_date__lte=until)

    def with_conflicts(self):
        """Annotate `served_elsewhere`: one of the buildings has an open serving of another organisation."""
        # By name: the register's models import nothing of the notices, and this module stays below them.
        served_address = apps.get_model("addresses", "ServedAddress")
        others = served_address.objects.open().filter(address__notice_items__notice=OuterRef("pk")).exclude(
            organisation=OuterRef("organisation"))
        return self.annotate(served_elsewhere=Exists(others))
