from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.access import AccessLoggedAdminMixin
from frontoffice.models import OPTIONAL_FIELDS, Intake, Service, ServiceDocument


class ServiceDocumentInline(admin.TabularInline):
    model = ServiceDocument
    extra = 1
    fields = ("name", "is_required", "is_personal", "order")


class ServiceForm(forms.ModelForm):
    """The required fields as checkboxes of the intake form's optional fields (frontoffice.OPTIONAL_FIELDS)."""

    required_fields = forms.MultipleChoiceField(
        label=_("required fields"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=list(OPTIONAL_FIELDS.items()),
        help_text=_("The applicant, the representative with the passport number, the address, the place on "
                    "the map and at least one document are always required."))

    class Meta:
        model = Service
        fields = ("name", "case_type", "kind", "supply_type", "appeal_topic", "branch", "executor",
                  "required_fields", "is_active", "order")


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    """Seed 004 §3 step 1: the services documents are received for; each with its documents (the required
    ones must be attached), its required fields and its responsible executor."""

    form = ServiceForm
    inlines = [ServiceDocumentInline]
    list_display = ("name", "case_type", "kind", "supply_type", "appeal_topic", "branch", "executor", "is_active",
                    "order")
    list_filter = ("is_active", "case_type", "kind", "supply_type", "branch")
    list_editable = ("is_active", "order")
    list_select_related = ("appeal_topic", "branch", "executor")


@admin.register(Intake)
class IntakeAdmin(AccessLoggedAdminMixin, admin.ModelAdmin):
    """Read-only; only the intakes the admin user may see (front office of the city, the case's executor),
    each opening recorded in the audit (the representative's passport is on it)."""

    list_display = ("__str__", "service", "applicant", "representative_name", "operator", "executor",
                    "registered_at")
    list_select_related = ("application", "appeal", "service", "applicant", "operator", "executor")
    readonly_fields = [field.name for field in Intake._meta.fields if field.name != "submission_key"]
    exclude = ("submission_key",)

    def get_queryset(self, request):
        return super().get_queryset(request).for_viewer(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
