from django.contrib import admin

from agreements.models import Agreement, AgreementEvent, AgreementTemplate


@admin.register(AgreementTemplate)
class AgreementTemplateAdmin(admin.ModelAdmin):
    """A new wording is a new version; a version already used for agreements can no longer be edited."""

    list_display = ["version", "title", "is_active", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.agreements.exists():
            return ["version", "title", "body"]
        return []


class AgreementEventInline(admin.TabularInline):
    model = AgreementEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "from_status", "to_status", "actor", "comment"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    """Read-only here: decisions are made on the reviewer's page, through the transitions."""

    list_display = ["__str__", "org_short_name", "inn", "status", "submitted_at", "due_date"]
    list_filter = ["status", "kind"]
    search_fields = ["org_full_name", "org_short_name", "inn", "number"]
    inlines = [AgreementEventInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
