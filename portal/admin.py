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


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "branch", "published_at")
    list_filter = ("branch",)


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("date", "is_working", "note")
    list_filter = ("is_working",)
    date_hierarchy = "date"
