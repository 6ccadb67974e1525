from django.contrib import admin

from passports.models import EngineeringSystem, Passport, PassportEvent
from portal.workflow_admin import ReadOnlyInline


class SystemInline(ReadOnlyInline):
    model = EngineeringSystem
    fields = ["kind", "supply", "state", "meter_installed", "meter_number", "meter_verified_on"]


class PassportEventInline(ReadOnlyInline):
    model = PassportEvent
    fields = ["created_at", "from_status", "to_status", "actor", "comment"]


@admin.register(Passport)
class PassportAdmin(admin.ModelAdmin):
    """Read-only here: the organisation edits on its pages, the reviewer decides on the reviewer's page,
    both through the transitions."""

    list_display = ["__str__", "address", "manager_name", "manager_inn", "status", "sent_at", "due_date"]
    list_filter = ["status", "wall_material", "energy_class"]
    search_fields = ["number", "manager_name", "manager_inn", "address__full_text"]
    list_select_related = ["address"]
    inlines = [SystemInline, PassportEventInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
