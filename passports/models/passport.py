"""An electronic passport of one building (seed 000), made by the organisation that serves it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from passports.choices import IN_WORK, TRANSITIONS, EnergyClass, Status, WallMaterial
from passports.models.transitions import PassportTransitions
from passports.querysets import PassportQuerySet
from portal.workflow import StatusEvent, WorkflowMixin

AREA = {"max_digits": 10, "decimal_places": 2, "null": True, "blank": True}


class Passport(PassportTransitions, WorkflowMixin, models.Model):
    organisation = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="passports",
                                     verbose_name=_("organisation"))
    address = models.ForeignKey("addresses.Address", on_delete=models.PROTECT, related_name="passports",
                                verbose_name=pgettext_lazy("passport", "building"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT,
                              db_index=True)
    number = models.CharField(_("number"), max_length=20, unique=True, null=True, blank=True)
    reporting_date = models.DateField(_("reporting date"), null=True, blank=True)

    # General data
    year_built = models.PositiveSmallIntegerField(_("year built"), null=True, blank=True)
    floors = models.PositiveSmallIntegerField(_("floors"), null=True, blank=True)
    entrances = models.PositiveSmallIntegerField(_("entrances"), null=True, blank=True)
    flats = models.PositiveIntegerField(_("flats"), null=True, blank=True)
    total_area = models.DecimalField(_("total area, m²"), **AREA)
    living_area = models.DecimalField(_("living area, m²"), **AREA)
    wall_material = models.CharField(_("wall material"), max_length=20, choices=WallMaterial.choices, blank=True)
    energy_class = models.CharField(_("energy efficiency class"), max_length=3, choices=EnergyClass.choices,
                                    blank=True)

    # The managing organisation, filled from the organisation's profile by default.
    manager_name = models.CharField(_("managing organisation"), max_length=500, blank=True)
    manager_inn = models.CharField(_("INN of the managing organisation"), max_length=12, blank=True)

    # What is signed: frozen when the passport passes the check, so the signed bytes never change.
    content = models.TextField(_("content to sign"), blank=True, editable=False)
    content_sha256 = models.CharField(_("SHA-256 of the content"), max_length=64, blank=True, editable=False)
    signature = models.BinaryField(_("signature"), blank=True, default=b"", editable=False)
    signature_report = models.JSONField(_("signature report"), default=dict, blank=True)
    signature_summary = models.TextField(_("signature check"), blank=True)

    remarks = models.TextField(_("reviewer's remarks"), blank=True)
    due_date = models.DateField(_("review due date"), null=True, blank=True, db_index=True)
    replaces = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("replaces the passport"))
    created_at = models.DateTimeField(_("created on"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)

    objects = PassportQuerySet.as_manager()

    class Meta:
        verbose_name = _("house passport")
        verbose_name_plural = _("house passports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A building has one passport in force; two reviewers accepting two at once: one fails here.
            models.UniqueConstraint(fields=["address"], condition=models.Q(status=Status.ACCEPTED),
                                    name="passport_one_accepted_per_building"),
            # One passport in work per building and organisation (a double click makes one, not two).
            models.UniqueConstraint(fields=["organisation", "address"], condition=models.Q(status__in=IN_WORK),
                                    name="passport_one_in_work_per_building"),
        ]

    def __str__(self):
        return self.number or _("Passport draft No. %(pk)s") % {"pk": self.pk}

    @property
    def content_bytes(self):
        """The exact bytes the organisation signs."""
        return self.content.encode("utf-8")

    @property
    def is_editable(self):
        return self.status in (Status.DRAFT, Status.RETURNED)

    def systems_in_order(self):
        from passports.choices import SYSTEM_ORDER

        return sorted(self.systems.all(), key=lambda system: SYSTEM_ORDER.index(system.kind))

    # --- transitions (see portal.workflow) -------------------------------------------------------

    transitions = TRANSITIONS

    def record_move(self, *, old_status, actor, comment):
        return PassportEvent.objects.create(passport=self, from_status=old_status, to_status=self.status,
                                            actor=actor, comment=comment)

    def notify_move(self, event):
        from passports.notify import notify_status_change

        notify_status_change(self, event)


class PassportEvent(StatusEvent):
    passport = models.ForeignKey(Passport, on_delete=models.CASCADE, related_name="events",
                                 verbose_name=_("passport"))
    from_status = models.CharField(_("old status"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("new status"), max_length=20, choices=Status.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("passport history record")
        verbose_name_plural = _("passport history")
