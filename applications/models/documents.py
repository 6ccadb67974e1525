import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.choices import Kind
from portal.storedfile import StoredFile


class DocumentSlot(models.TextChoices):
    LAND_TITLE = "land_title", _("Title documents for the land plot")
    SITUATION_PLAN = "situation_plan", _("Situation plan of the object")
    TOPOGRAPHIC_PLAN = "topographic_plan", _("Topographic plan of the plot, scale 1:500")
    LOAD_CALCULATION = "load_calculation", _("Calculation of the maximum load")
    AUTHORITY = "authority", _("Identity document or power of attorney of the representative")
    OTHER = "other", _("Other documents")
    RESULT = "result", _("Result of the review (from the utility)")


REQUIRED_SLOTS = {
    Kind.TECHNICAL_CONDITIONS: (DocumentSlot.LAND_TITLE, DocumentSlot.SITUATION_PLAN, DocumentSlot.AUTHORITY),
    Kind.CONNECTION_CONTRACT: (DocumentSlot.LAND_TITLE, DocumentSlot.SITUATION_PLAN, DocumentSlot.TOPOGRAPHIC_PLAN,
                               DocumentSlot.LOAD_CALCULATION, DocumentSlot.AUTHORITY),
}
APPLICANT_SLOTS = [slot for slot in DocumentSlot if slot != DocumentSlot.RESULT]


def document_path(document, filename):
    # The stored name is random: the applicant's file name is kept in original_name only.
    return f"applications/{document.application_id}/{uuid.uuid4().hex}"


class ApplicationDocument(StoredFile):
    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE,
                                    related_name="documents", verbose_name=_("application"))
    slot = models.CharField(_("document"), max_length=30, choices=DocumentSlot.choices)
    file = models.FileField(_("file"), upload_to=document_path, max_length=300)

    class Meta(StoredFile.Meta):
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")


class ApplicationSignature(models.Model):
    """A detached signature of one document and the report the portal's validator gave for it."""

    document = models.ForeignKey(ApplicationDocument, on_delete=models.CASCADE, related_name="signatures",
                                 verbose_name=_("document"))
    signature = models.FileField(_("signature file"), upload_to="signatures/%Y/%m/", max_length=300)
    is_valid = models.BooleanField(_("valid"))
    signer = models.CharField(_("signer"), max_length=500, blank=True)
    summary = models.TextField(_("verification result"), blank=True)
    report = models.JSONField(_("verification report"), default=dict)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("uploaded by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("document signature")
        verbose_name_plural = _("document signatures")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.document} — {self.signer or self.summary[:60]}"
