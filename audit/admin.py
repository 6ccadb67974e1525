from auditlog.models import LogEntry
from django.contrib import admin

# The audit is read on the security officer's page (audit.views) and written only by the portal:
# auditlog's own admin would let a superuser delete rows through related deletions, so it is not offered.
if admin.site.is_registered(LogEntry):
    admin.site.unregister(LogEntry)
