from django.utils.translation import gettext_lazy as _

from portal.numbering import YearlySequence


class ApplicationNumber(YearlySequence):
    """Application numbers: 2026-000123."""

    number_format = "{year}-{number:06d}"

    class Meta:
        verbose_name = _("application numbering")
        verbose_name_plural = _("application numbering")
