from django.contrib import admin

from portal.models import Branch, CalendarDay, NormativeDocument


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


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("date", "is_working", "note")
    list_filter = ("is_working",)
    date_hierarchy = "date"
