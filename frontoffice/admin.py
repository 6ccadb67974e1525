from django.contrib import admin

from frontoffice.models import Intake, Lookup, Service


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ("name", "case_type", "kind", "supply_type", "appeal_topic", "branch", "executor", "is_active",
                    "order")
    list_filter = ("is_active", "case_type", "kind", "supply_type", "branch")
    list_editable = ("is_active", "order")


@admin.register(Intake)
class IntakeAdmin(admin.ModelAdmin):
    list_display = ("__str__", "service", "applicant", "representative_name", "operator", "registered_at")
    list_select_related = ("application", "appeal", "service", "applicant", "operator")
    readonly_fields = [field.name for field in Intake._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Lookup)
class LookupAdmin(admin.ModelAdmin):
    list_display = ("at", "operator", "kind", "query", "results")
    list_filter = ("kind",)
    readonly_fields = ("at", "operator", "kind", "query", "results")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
