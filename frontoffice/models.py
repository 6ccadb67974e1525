"""Front office (seed 004 §3): services documents are received for, intakes, their files, lookups audited."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.models import Kind, SupplyType
from frontoffice.querysets import IntakeQuerySet


class CaseType(models.TextChoices):
    APPLICATION = "application", _("Connection application")
    APPEAL = "appeal", _("Appeal")


class Service(models.Model):
    """A service a walk-in representative may bring documents for; configured in the admin. A connection
    service names the application kind and supply type; an appeal service names the appeal topic."""

    name = models.CharField(_("name"), max_length=300)
    case_type = models.CharField(_("becomes"), max_length=20, choices=CaseType.choices, default=CaseType.APPLICATION)
    kind = models.CharField(_("application type"), max_length=20, choices=Kind.choices, blank=True)
    supply_type = models.CharField(_("supply type"), max_length=20, choices=SupplyType.choices, blank=True)
    appeal_topic = models.ForeignKey("appeals.Topic", on_delete=models.PROTECT, null=True, blank=True,
                                     verbose_name=_("appeal topic"))
    branch = models.ForeignKey("portal.Branch", on_delete=models.PROTECT, verbose_name=_("city"))
    executor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("responsible executor"))
    required_documents = models.TextField(_("required documents, one a line"), blank=True)
    is_active = models.BooleanField(_("accepts documents"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("front-office service")
        verbose_name_plural = _("front-office services")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.case_type == CaseType.APPLICATION and not (self.kind and self.supply_type):
            raise ValidationError(_("A connection service needs the application type and the supply type."))
        if self.case_type == CaseType.APPEAL and not self.appeal_topic_id:
            raise ValidationError(_("An appeal service needs the appeal topic."))

    @property
    def document_list(self):
        return [line.strip() for line in self.required_documents.splitlines() if line.strip()]


class Intake(models.Model):
    """Documents a representative brought, registered as a case of the service (seed 004 figs. 6-10)."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, verbose_name=_("service"))
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="intakes",
                                  verbose_name=_("applicant"))
    application = models.OneToOneField("applications.Application", on_delete=models.PROTECT, related_name="intake",
                                       verbose_name=_("application"), null=True, blank=True)
    appeal = models.OneToOneField("appeals.Appeal", on_delete=models.PROTECT, related_name="intake",
                                  verbose_name=_("appeal"), null=True, blank=True)
    representative_name = models.CharField(_("representative's full name"), max_length=300)
    representative_passport = models.CharField(_("representative's passport number"), max_length=6)
    address = models.ForeignKey("addresses.Address", on_delete=models.PROTECT, null=True, blank=True,
                                verbose_name=_("address"))
    address_detail = models.CharField(_("address or place of works, in detail"), max_length=500, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=4000)
    geometry = models.JSONField(_("place on the map (GeoJSON)"))
    operator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("operator"))
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)

    objects = IntakeQuerySet.as_manager()

    class Meta:
        verbose_name = _("intake of documents")
        verbose_name_plural = _("intakes of documents")
        ordering = ["-registered_at", "-pk"]

    def __str__(self):
        return f"{self.service} — {self.number}"

    @property
    def case(self):
        """The application or appeal the intake became."""
        return self.application or self.appeal

    @property
    def number(self):
        return self.case.number if self.case else ""

    @property
    def masked_passport(self):
        return self.representative_passport[:3] + "***"


class IntakeAttachment(models.Model):
    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="attachments")
    document = models.OneToOneField("applications.ApplicationDocument", on_delete=models.PROTECT, related_name="+",
                                    null=True, blank=True)
    appeal_file = models.OneToOneField("appeals.AppealFile", on_delete=models.PROTECT, related_name="+",
                                       null=True, blank=True)
    description = models.CharField(_("description"), max_length=300)

    def __str__(self):
        return self.description

    @property
    def stored(self):
        return self.document or self.appeal_file


class Lookup(models.Model):
    """Every suggestion lookup an operator makes (who looked for what, when). A minimal audit until the
    project-wide audit log (django-auditlog, issue 12) lands; then these rows can move there."""

    operator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20)
    query = models.CharField(max_length=200)
    results = models.PositiveSmallIntegerField(default=0)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("front-office lookup")
        verbose_name_plural = _("front-office lookups")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.operator_id} {self.kind} {self.query}"
