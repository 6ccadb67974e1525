"""Admin for notices (read-only: decisions go through the reviewer's page) and the served lists."""

from django.contrib import admin

from addresses.models import ServedAddress
from addresses.notices.models import Notice, NoticeAddress, NoticeEvent
from portal.workflow_admin import ReadOnlyInline


class NoticeAddressInline(ReadOnlyInline):
    model = NoticeAddress
    fields = readonly_fields = ["address", "decision", "reason", "note"]


class NoticeEventInline(ReadOnlyInline):
    model = NoticeEvent
    fields = readonly_fields = ["created_at", "from_status", "to_status", "actor", "comment"]


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "org_name", "inn", "kind", "status", "starts_on", "sent_at", "due_date"]
    list_filter = ["status", "kind", "basis_kind"]
    search_fields = ["number", "org_name", "inn", "items__address__search_text"]
    readonly_fields = ["signature_summary"]
    exclude = ["signature_report"]
    inlines = [NoticeAddressInline, NoticeEventInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(ServedAddress)
class ServedAddressAdmin(admin.ModelAdmin):
    """Rows come from confirmed notices; admin may correct dates (e.g. a mistaken confirmation)."""

    list_display = ["address", "organisation", "starts_on", "ends_on"]
    list_filter = ["ends_on"]
    search_fields = ["address__search_text", "organisation__username", "organisation__profile__inn",
                     "organisation__profile__org_short_name"]
    raw_id_fields = ["address", "organisation"]
