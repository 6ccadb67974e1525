"""Front office (seed 004 §3): services documents are received for (with their required documents and
fields), intakes, their described files, and files kept between a refused form and its correction."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.models import Kind, SupplyType
from frontoffice.querysets import IntakeQuerySet, ServiceQuerySet


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
    required_fields = models.JSONField(_("required fields"), default=list, blank=True,
                                       help_text=_("Fields of the intake form this service cannot do without, "
                                                   "besides the ones every intake needs."))
    is_active = models.BooleanField(_("accepts documents"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("front-office service")
        verbose_name_plural = _("front-office services")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        """A service knows what case it becomes and who answers for it (seed 004 §3 step 4: the case goes
        to the executor responsible for the service), and that executor works in the service's city."""
        if self.case_type == CaseType.APPLICATION and not (self.kind and self.supply_type):
            raise ValidationError(_("A connection service needs the application type and the supply type."))
        if self.case_type == CaseType.APPEAL and not self.appeal_topic_id:
            raise ValidationError(_("An appeal service needs the appeal topic."))
        if self.is_active and not self.executor_id:
            raise ValidationError({"executor": _("A service that accepts documents needs its responsible "
                                                 "executor.")})
        if self.executor_id and self.branch_id and not self.branch.staff.filter(pk=self.executor_id).exists():
            raise ValidationError({"executor": _("The executor must be on the staff of the service's city.")})
        unknown = set(self.required_fields or []) - set(OPTIONAL_FIELDS)
        if unknown:
            raise ValidationError({"required_fields": _("Unknown fields: %(names)s.") % {
                "names": ", ".join(sorted(map(str, unknown)))}})


# Intake form fields an administrator may make required per service (the rest are always required:
# applicant, representative, passport, address, place on the map, at least one document).
OPTIONAL_FIELDS = {
    "address_detail": _("Address or place of works in detail"),
    "comment": _("Comment"),
}


class ServiceDocument(models.Model):
    """A kind of document the service expects (seed 004 fig. 8), e.g. «Доверенность представителя»;
    a required one must be among the attachments before the intake registers."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(_("document"), max_length=300)
    is_required = models.BooleanField(_("required"), default=True)
    # A power of attorney (or a copy of the passport) carries the representative's passport data, which only
    # the front office and the case's executor may see (issue 15 «Privacy»): such a file stays with the
    # intake instead of joining the case's documents the applicant and the whole city's staff see.
    is_personal = models.BooleanField(
        _("carries the representative's personal data"), default=False,
        help_text=_("A power of attorney or a passport copy: kept with the intake, seen only by the front office "
                    "and the responsible executor, not among the case's documents."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("document of the service")
        verbose_name_plural = _("documents of the service")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["service", "name"], name="frontoffice_service_doc_unique")]

    def __str__(self):
        return self.name


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
    executor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
                                 verbose_name=_("responsible executor"))
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)
    # The form's one-time key: a second press of «Зарегистрировать» (or a resent POST) finds this row
    # instead of making a second case.
    submission_key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)

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


class IntakeAttachment(models.Model):
    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="attachments")
    document = models.OneToOneField("applications.ApplicationDocument", on_delete=models.PROTECT, related_name="+",
                                    null=True, blank=True)
    appeal_file = models.OneToOneField("appeals.AppealFile", on_delete=models.PROTECT, related_name="+",
                                       null=True, blank=True)
    description = models.CharField(_("description"), max_length=300)
    document_kind = models.ForeignKey(ServiceDocument, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name=_("document"))
    # A file of a personal kind (ServiceDocument.is_personal) kept here, not in the case: downloaded only
    # through the intake (frontoffice.views.attachment_download).
    file = models.FileField(upload_to="frontoffice/personal/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    size = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return self.description

    @property
    def stored(self):
        return self.document or self.appeal_file or self


class StagedFile(models.Model):
    """A file the operator attached to a form that was refused (a missing field, say): kept so the
    corrected form registers it without choosing it again. Only its operator can use it; registration
    turns it into the case's document and deletes it; leftovers go after STAGED_FILE_DAYS."""

    operator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    file = models.FileField(upload_to="frontoffice/staged/%Y/%m/")
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, blank=True)  # the same file attached twice is pointed out
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("file kept until registration")
        verbose_name_plural = _("files kept until registration")

    def __str__(self):
        return self.original_name
