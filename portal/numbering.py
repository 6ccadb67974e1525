"""Yearly, gapless document numbers shared by applications, appeals and agreements."""

from django.db import models


class YearlySequence(models.Model):
    """The last number given in a year. Its row is locked while a number is taken, so numbers are
    unique and have no gaps however many are taken at once; a subclass only says how they look."""

    number_format = "{year}-{number:06d}"

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self):
        # «2026: С-2026-00012» (the last number given) reads in the admin and the audit, not «… object (2026)».
        return f"{self.year}: {self.number_format.format(year=self.year, number=self.last)}"

    @classmethod
    def take_next(cls, year):
        """Call inside the transaction that uses the number: it is given back if that rolls back."""
        cls.objects.get_or_create(year=year)
        row = cls.objects.select_for_update().get(year=year)
        row.last += 1
        row.save(update_fields=["last"])
        return cls.number_format.format(year=year, number=row.last)
