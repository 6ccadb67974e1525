"""The audit's rows are django-auditlog's LogEntry (changes: create, update, delete with old and new values;
views and downloads: its ACCESS action, written by audit.access). This proxy only carries the security
officer's permission (granted to the group "Security officers" by a data migration)."""

from auditlog.models import LogEntry
from django.utils.translation import gettext_lazy as _


class AuditEntry(LogEntry):
    class Meta:
        proxy = True
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        default_permissions = ()
        permissions = [("view_audit", _("Can search the audit of personal data"))]
