from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.urls import path
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from applications.admin_actions import actions_for, bulk_take_into_review, transition_urls
from applications.admin_correction import ApplicationCorrectionForm
from applications.admin_queue import queue_result_list
from applications.admin_queue_sql import kept_results
from applications.models import (
    Application,
    ApplicationDocument,
    ApplicationEvent,
    ApplicationSignature,
    DeadlineRule,
)
from applications.querysets import staff_branches
from audit.access import AccessLoggedAdminMixin
from portal import pagecache
from portal.admin_kept_tags import KeptMedia
from portal.models import staff_branch_ids
from portal.workflow_admin import StaffBranchFilter, WorkflowAdminMixin


class OverdueFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [("overdue", _("Overdue")), ("soon", _("Due in 2 working days"))]

    def queryset(self, request, queryset):
        from portal.workdays import add_working_days

        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.overdue(today)
        if self.value() == "soon":
            return queryset.due_soon(today, add_working_days(today, 2))
        return queryset


def _branch_scope(user):
    """What the queue's filters depend on besides the query string and the language: the branches the
    user may filter by (StaffBranchFilter), as text for the fragment cache's key."""
    if user.is_superuser or user.has_perm("applications.view_all_branches"):
        return "all"
    return "branches:" + ",".join(str(pk) for pk in sorted(staff_branch_ids(user)))


class DocumentInline(admin.TabularInline):
    model = ApplicationDocument
    extra = 0
    can_delete = False
    fields = ("slot", "file", "original_name", "size", "file_kind", "uploaded_by", "uploaded_at")
    readonly_fields = fields


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    can_delete = False
    fields = ("created_at", "from_status", "to_status", "actor", "comment")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


def _staff_queue_scopes(request, *args, **kwargs):
    # The queue shows applications of any applicant; access changes bump the user or reference scope.
    return [pagecache.REFERENCE, pagecache.APPLICATIONS, pagecache.user_scope(request.user.pk)]


def _with_cached_queue(pattern):
    """The changelist (the staff queue, the busiest admin page) through the page cache."""
    if pattern.name != "applications_application_changelist":
        return pattern
    return path(str(pattern.pattern), pagecache.cached_page(_staff_queue_scopes)(pattern.callback), name=pattern.name)


class QueueChangeList(ChangeList):
    """The queue reads only the columns it shows (plus what the admin needs to link a row), not
    whole rows with their long texts, with SQL compiled once per process (admin_queue_sql)."""

    def get_queryset(self, request, exclude_parameters=None):
        return super().get_queryset(request, exclude_parameters).only(*QUEUE_COLUMNS)

    def get_results(self, request):
        # staff_branches: what ApplicationAdmin.get_queryset (for_staff) scopes the rows by.
        if not kept_results(self, request, staff_branches(request.user)):
            super().get_results(request)


QUEUE_COLUMNS = ("pk", "number", "applicant_name", "branch__city", "kind", "supply_type", "status", "submitted_at",
                 "due_date")


@admin.register(Application)
class ApplicationAdmin(AccessLoggedAdminMixin, WorkflowAdminMixin, admin.ModelAdmin):
    list_display = ("number", "applicant_name", "branch", "kind", "supply_type", "status", "submitted_at",
                    "due_column")
    list_filter = (("branch", StaffBranchFilter), "kind", "supply_type", "status", OverdueFilter)
    search_fields = ("number", "applicant_name", "phone", "applicant__profile__inn", "applicant__profile__ogrn",
                     "applicant__profile__ogrnip", "applicant__email")
    list_select_related = ("branch",)
    # A queue page: 25 rows and no full count keep it fast on a branch with tens of thousands.
    list_per_page = 25
    show_full_result_count = False
    inlines = (DocumentInline, EventInline)
    actions = (bulk_take_into_review,)
    change_form_template = "admin/applications/application/change_form.html"
    change_list_template = "admin/applications/application/change_list.html"  # rows of admin_queue
    correction_form = ApplicationCorrectionForm
    readonly_fields = ("applicant", "branch", "kind", "supply_type", "status", "number", "submitted_at",
                       "due_date", "answer_due_date", "correction_request", "rejection_reason", "created_at",
                       "simple_signature")
    fieldsets = (
        (None, {"fields": ("number", "status", "applicant", "branch", "kind", "supply_type", "submitted_at",
                           "due_date", "answer_due_date", "correction_request", "rejection_reason",
                           "simple_signature")}),
        (_("Application"), {"fields": ("applicant_name", "phone", "email", "object_address", "cadastral_number",
                                       "object_purpose", "reason", "max_load", "load_unit", "planned_commissioning",
                                       "delivery_method", "comment")}),
    )

    @admin.display(description=_("Simple e-signature"))
    def simple_signature(self, obj):
        from applications.simple_signing import act_of
        from signing.simple import act_text

        act = act_of(obj) if obj else None
        if act is None:
            return "—"
        return format_html("<strong>{}</strong><pre>{}</pre>", _("Signed with a simple e-signature"), act_text(act))

    def get_queryset(self, request):
        # Staff see only their branches' applications; managers (view_all_branches) see all.
        return Application.objects.for_staff(request.user).select_related("branch")

    def get_changelist(self, request, **kwargs):
        return QueueChangeList

    def action_checkbox(self, application, label_template=None):
        """Django's checkbox, written directly: rendering a CheckboxInput through the widget templates
        for each of the 25 rows was ~10% of the queue page (issue 18). `label_template`: the translated
        label, when the caller has it for the whole page."""
        # format_html's result, written with f-strings (two calls a row were 7% of the page): the
        # translated template is trusted as format_html trusts it, the application's name is escaped.
        label = (label_template or gettext("Select this object for an action - {}")).format(escape(str(application)))
        return mark_safe(f'<input type="checkbox" name="{helpers.ACTION_CHECKBOX_NAME}" value="{int(application.pk)}" '
                         f'class="action-select" aria-label="{label}">')

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("due"), ordering="due_date")
    def due_column(self, application, today=None):
        if not application.due_date:
            return "—"
        css = "overdue" if application.is_overdue(today) else ""
        return mark_safe(f'<span class="{css}">{application.due_date:%d.%m.%Y}</span>')

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None)
        if context and "cl" in context:  # not a redirect (an action, a bad filter)
            context["queue"] = queue_result_list(context["cl"])
            context["media"] = KeptMedia(context["media"])
            context["queue_scope"] = _branch_scope(request.user)
        return response

    def get_urls(self):
        return transition_urls(self) + [_with_cached_queue(pattern) for pattern in super().get_urls()]

    def render_change_form(self, request, context, *args, **kwargs):
        obj = context.get("original")
        context["transition_actions"] = actions_for(obj) if obj else []
        return super().render_change_form(request, context, *args, **kwargs)


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ("step", "kind", "supply_type", "working_days")
    list_filter = ("step", "kind")


@admin.register(ApplicationSignature)
class ApplicationSignatureAdmin(AccessLoggedAdminMixin, admin.ModelAdmin):
    list_display = ("document", "is_valid", "signer", "created_at")
    readonly_fields = ("document", "signature", "is_valid", "signer", "summary", "report", "signed_by", "created_at")

    def get_queryset(self, request):
        # A child of its application: the same branches as the application's admin.
        return super().get_queryset(request).filter(
            document__application__in=Application.objects.for_staff(request.user))

