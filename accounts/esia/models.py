from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationLink(models.Model):
    """An ESIA organisation (its oid) and the portal account people act on when they act for it."""

    esia_oid = models.CharField(_("ESIA organisation id"), max_length=40, unique=True)
    account = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                   related_name="esia_organisation", verbose_name=_("organisation account"))
    created_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("ESIA organisation")
        verbose_name_plural = _("ESIA organisations")

    def __str__(self):
        return f"{self.account} ({self.esia_oid})"
