import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from appeals.choices import FileRole
from portal.storedfile import StoredFile


def file_path(appeal_file, filename):
    # The stored name is random: the sender's file name is kept in original_name only.
    return f"appeals/{appeal_file.appeal_id}/{uuid.uuid4().hex}"


class AppealFile(StoredFile):
    appeal = models.ForeignKey("appeals.Appeal", on_delete=models.CASCADE, related_name="files",
                               verbose_name=_("appeal"))
    role = models.CharField(_("sent by"), max_length=10, choices=FileRole.choices)
    file = models.FileField(_("file"), upload_to=file_path, max_length=300)

    class Meta(StoredFile.Meta):
        verbose_name = _("appeal file")
        verbose_name_plural = _("appeal files")
