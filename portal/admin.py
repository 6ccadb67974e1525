from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.models import Branch, CalendarDay, CalendarYear, NormativeDocument
from portal.production_calendar import CalendarFileError, calendar_year_load, parse_calendar_file


class NormativeDocumentInline(admin.TabularInline):
    model = NormativeDocument
    extra = 0


@admin.register(Branch)
class BranchAdmin(admin.ModelAdmin):
    list_display = ("city", "name", "is_active", "order")
    list_editable = ("is_active", "order")
    prepopulated_fields = {"slug": ("city",)}
    filter_horizontal = ("staff",)
    inlines = (NormativeDocumentInline,)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # The staff picker lists staff members, never the applicants (their names are personal data).
        if db_field.name == "staff":
            kwargs["queryset"] = db_field.remote_field.model.objects.filter(is_staff=True)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "branch", "published_at")
    list_filter = ("branch",)


class CalendarImportForm(forms.Form):
    """A year's production calendar from a file (portal.production_calendar.parse_calendar_file)."""

    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    file = forms.FileField(label=gettext_lazy("Calendar file"), help_text=gettext_lazy(
        "CSV with the lines «date;kind;note» (kind «выходной» or «рабочий»; only the days that differ from "
        "Monday–Friday) or the production calendar XML (<calendar year=…><days><day d=\"MM.DD\" t=\"1\"/>). "
        "The year's rows are replaced."))

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            cleaned["days"] = parse_calendar_file(cleaned["year"], cleaned["file"].read())
        except CalendarFileError as error:
            self.add_error("file", str(error))
        return cleaned


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("date", "is_working", "note")
    list_filter = ("is_working",)
    date_hierarchy = "date"
    change_list_template = "admin/portal/calendarday/change_list.html"

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_year)
        return [path("import/", view, name="portal_calendarday_import"), *super().get_urls()]

    def import_year(self, request):
        """Load a year's calendar from a file: its rows are replaced and the year is marked loaded."""
        if not (self.has_add_permission(request) and self.has_delete_permission(request)):
            raise PermissionDenied
        form = CalendarImportForm(request.POST or None, request.FILES or None,
                                  initial={"year": timezone.localdate().year + 1})
        if request.method == "POST" and form.is_valid():
            year, upload = form.cleaned_data["year"], form.cleaned_data["file"]
            count = calendar_year_load(year=year, days=form.cleaned_data["days"], source=upload.name)
            messages.success(request, _("The production calendar of %(year)d is loaded: %(count)d days differ from "
                                        "Monday–Friday.") % {"year": year, "count": count})
            return redirect("admin:portal_calendarday_changelist")
        return TemplateResponse(request, "admin/portal/calendarday/import.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "form": form,
            "title": _("Load a year from a file")})


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ("year", "source", "loaded_at")

    def has_add_permission(self, request):
        # A year is marked loaded by importing its file (Production calendar → Load a year from a file).
        return False
