"""Read-only admin of information systems and delegations: decisions go through the reviewer's pages and
the operators' pages, so every change is a recorded move."""

from django.contrib import admin

from integrations.models import Delegation, DelegationEvent, InformationSystem, SystemCertificate, SystemEvent
from portal.workflow_admin import ReadOnlyInline


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CertificateInline(ReadOnlyInline):
    model = SystemCertificate
    fields = readonly_fields = ["serial", "subject", "not_before", "not_after", "added_at", "replaced_at"]


class SystemEventInline(ReadOnlyInline):
    model = SystemEvent
    fields = readonly_fields = ["created_at", "from_status", "to_status", "actor", "comment"]


@admin.register(InformationSystem)
class InformationSystemAdmin(ReadOnlyAdmin):
    list_display = ["short_name", "operator_name", "operator_inn", "kind", "status", "identifier"]
    list_filter = ["status", "kind"]
    search_fields = ["short_name", "full_name", "operator_name", "=operator_inn", "=identifier"]
    exclude = ["signature"]
    inlines = [CertificateInline, SystemEventInline]


class DelegationEventInline(ReadOnlyInline):
    model = DelegationEvent
    fields = readonly_fields = ["created_at", "from_status", "to_status", "actor", "comment"]


@admin.register(Delegation)
class DelegationAdmin(ReadOnlyAdmin):
    list_display = ["org_name", "inn", "system", "status", "starts_on", "ends_on", "provider_id"]
    list_filter = ["status"]
    search_fields = ["org_name", "=inn", "=provider_id"]
    inlines = [DelegationEventInline]
