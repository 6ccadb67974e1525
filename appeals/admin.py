import datetime

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from appeals.admin_actions import actions_for, transition_urls
from appeals.admin_correction import AppealCorrectionForm
from appeals.dashboard import DUE_SOON_DAYS
from appeals.models import Appeal, AppealEvent, AppealFile, AppealNote, ReplyTemplate, Topic
from audit.access import AccessLoggedAdminMixin
from portal.workflow_admin import ReadOnlyInline, StaffBranchFilter, WorkflowAdminMixin


class DeadlineFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [("overdue", _("Overdue")), ("soon", _("Due in the next 3 days"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.overdue(today)
        if self.value() == "soon":
            return queryset.due_soon(today, today + datetime.timedelta(days=DUE_SOON_DAYS))
        return queryset


class FileInline(ReadOnlyInline):
    model = AppealFile
    fields = ("role", "file", "original_name", "size", "file_kind", "uploaded_by", "uploaded_at")
    readonly_fields = fields


class EventInline(ReadOnlyInline):
    model = AppealEvent
    fields = ("created_at", "from_status", "to_status", "actor", "comment")
    readonly_fields = fields


class NoteInline(admin.TabularInline):
    """Internal notes: staff add them here or on the answer page; the applicant never sees them."""

    model = AppealNote
    extra = 1
    can_delete = False
    fields = ("text", "author", "created_at")
    readonly_fields = ("author", "created_at")

    def has_change_permission(self, request, obj=None):
        return False  # a note is a record: added, not rewritten


@admin.register(Appeal)
class AppealAdmin(AccessLoggedAdminMixin, WorkflowAdminMixin, admin.ModelAdmin):
    saves_inlines = True  # internal notes are added on this page
    correction_form = AppealCorrectionForm
    list_display = ("number", "registered_at", "topic", "branch", "applicant", "status", "due_column")
    list_filter = ("status", ("branch", StaffBranchFilter), "topic", DeadlineFilter)
    search_fields = ("number", "text", "applicant__email", "applicant__full_name", "applicant__phone")
    list_select_related = ("branch", "topic", "applicant")
    date_hierarchy = "registered_at"
    inlines = (FileInline, EventInline, NoteInline)
    change_form_template = "admin/appeals/appeal/change_form.html"
    readonly_fields = ("number", "status", "applicant", "branch", "topic", "text", "application", "registered_at",
                       "due_date", "answer", "answered_by", "answered_at")
    fields = readonly_fields

    def get_queryset(self, request):
        # Staff see only their branches' appeals; managers (view_all_branches) see all.
        return Appeal.objects.for_staff(request.user).select_related("branch", "topic", "applicant")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("answer due"), ordering="due_date")
    def due_column(self, appeal):
        css = "overdue" if appeal.is_overdue() else ""
        return format_html('<span class="{}">{}</span>', css, appeal.due_date.strftime("%d.%m.%Y"))

    def save_formset(self, request, form, formset, change):
        notes = formset.save(commit=False)
        for note in notes:
            if isinstance(note, AppealNote) and not note.author_id:
                note.author = request.user
            note.save()
        formset.save_m2m()

    def get_urls(self):
        return transition_urls(self) + super().get_urls()

    def render_change_form(self, request, context, *args, **kwargs):
        obj = context.get("original")
        context["transition_actions"] = actions_for(obj) if obj else []
        return super().render_change_form(request, context, *args, **kwargs)


class ReplyTemplateInline(admin.StackedInline):
    model = ReplyTemplate
    extra = 1
    fields = ("title", "text", "order")


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("name", "branch", "is_active", "order")
    list_filter = ("is_active", "branch")
    list_editable = ("is_active", "order")
    search_fields = ("name",)
    inlines = (ReplyTemplateInline,)
