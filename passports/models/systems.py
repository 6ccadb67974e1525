"""Engineering systems of a building: one row per system, so "which buildings have an emergency
heating system" or "meters due for verification" stay plain queries."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from passports.choices import Supply, SystemKind, SystemState


class EngineeringSystem(models.Model):
    passport = models.ForeignKey("passports.Passport", on_delete=models.CASCADE, related_name="systems",
                                 verbose_name=_("passport"))
    kind = models.CharField(_("system"), max_length=20, choices=SystemKind.choices)
    supply = models.CharField(_("presence"), max_length=20, choices=Supply.choices, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=SystemState.choices, blank=True)
    meter_installed = models.BooleanField(_("common building meter installed"), default=False)
    meter_number = models.CharField(_("meter number"), max_length=50, blank=True)
    meter_verified_on = models.DateField(_("meter verification date"), null=True, blank=True)

    class Meta:
        verbose_name = _("engineering system")
        verbose_name_plural = _("engineering systems")
        constraints = [models.UniqueConstraint(fields=["passport", "kind"], name="passport_system_once")]

    def __str__(self):
        return self.get_kind_display()

    COPIED_FIELDS = ("supply", "state", "meter_installed", "meter_number", "meter_verified_on")
