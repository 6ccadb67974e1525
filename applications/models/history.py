from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.choices import Status

DETAILS_CORRECTED = _("Details corrected")


class ApplicationEvent(models.Model):
    """A row of the application's history (seed 001 fig. 10): a status change or added documents."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE,
                                    related_name="events", verbose_name=_("application"))
    from_status = models.CharField(_("old status"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("new status"), max_length=20, choices=Status.choices, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("author"))
    comment = models.TextField(_("comment"), blank=True)
    documents = models.ManyToManyField("applications.ApplicationDocument", blank=True, related_name="events",
                                       verbose_name=_("documents"))
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    # A staff correction of the applicant's details: {field name: [old value, new value]} as people read
    # them (the comment says the same in words); empty for every other row.
    changes = models.JSONField(_("corrected values"), default=dict, blank=True)

    class Meta:
        verbose_name = _("history record")
        verbose_name_plural = _("application history")
        ordering = ["created_at", "pk"]

    def __str__(self):
        # The admin's history inline and its messages name the row, not «ApplicationEvent object (16)».
        what = self.get_to_status_display() if self.is_status_change else _("Documents")
        return f"{timezone.localtime(self.created_at):%d.%m.%Y %H:%M} — {what}"

    @property
    def is_status_change(self):
        return self.from_status != self.to_status

    @property
    def label(self):
        """What the history table shows in its "Event" column for a row that is not a status change."""
        return DETAILS_CORRECTED if self.changes else ""

    @property
    def attachments(self):
        """The files of this row, as the shared history table shows them."""
        return self.documents.all()
