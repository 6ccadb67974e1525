from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from appeals.choices import Status


class AppealEvent(models.Model):
    """A row of the appeal's history the applicant sees: a status change, or the applicant's
    follow-up message (same status before and after)."""

    appeal = models.ForeignKey("appeals.Appeal", on_delete=models.CASCADE, related_name="events",
                               verbose_name=_("appeal"))
    from_status = models.CharField(_("old status"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("new status"), max_length=20, choices=Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("author"))
    comment = models.TextField(_("comment"), blank=True)
    files = models.ManyToManyField("appeals.AppealFile", blank=True, related_name="events",
                                   verbose_name=_("files"))
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    # A staff correction (e.g. of a misfiled topic): {field name: [old value, new value]} as people read
    # them (the comment says the same in words); empty for every other row.
    changes = models.JSONField(_("corrected values"), default=dict, blank=True)

    class Meta:
        verbose_name = _("appeal history record")
        verbose_name_plural = _("appeal history")
        ordering = ["created_at", "pk"]

    def __str__(self):
        # Shown above each row of the admin's history inline: the date says which row it is.
        return f"{timezone.localtime(self.created_at):%d.%m.%Y %H:%M} — {self.get_to_status_display()}"

    @property
    def attachments(self):
        """The files of this row, as the shared history table shows them."""
        return self.files.all()

    @property
    def is_status_change(self):
        return self.from_status != self.to_status

    @property
    def label(self):
        """What the history table shows in its "Event" column for a row that is not a status change."""
        return _("Details corrected") if self.changes else ""


class AppealNote(models.Model):
    """An internal note of the staff on an appeal. Never shown to the applicant."""

    appeal = models.ForeignKey("appeals.Appeal", on_delete=models.CASCADE, related_name="notes",
                               verbose_name=_("appeal"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("author"))
    text = models.TextField(_("text"), max_length=4000)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]
