import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from appeals.models.choices import FileRole


def file_path(appeal_file, filename):
    # The stored name is random: the sender's file name is kept in original_name only.
    return f"appeals/{appeal_file.appeal_id}/{uuid.uuid4().hex}"


class AppealFile(models.Model):
    appeal = models.ForeignKey("appeals.Appeal", on_delete=models.CASCADE, related_name="files",
                               verbose_name=_("appeal"))
    role = models.CharField(_("sent by"), max_length=10, choices=FileRole.choices)
    file = models.FileField(_("file"), upload_to=file_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    file_kind = models.CharField(_("file type"), max_length=10)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("appeal file")
        verbose_name_plural = _("appeal files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name
