from django.contrib import admin

from addresses.models import Address, AddressObject, HierarchyItem
from addresses.normalize import normalize
from addresses.notices import admin as notices_admin  # noqa: F401  (registers the notice and served-list admins)


@admin.register(Address)
class AddressAdmin(admin.ModelAdmin):
    list_display = ("full_text", "gar_object_id", "is_active", "updated_at")
    list_filter = ("is_active", "region", "locality")
    # The words are matched through the same normalization as the portal's suggestions (see
    # get_search_results), so "ул Щорса д8" finds "ул. Щорса, д. 8" here too.
    search_fields = ("search_text",)
    readonly_fields = ("search_text", "updated_at")
    fields = ("region", "district", "locality", "street", "house", "building", "full_text", "search_text",
              "gar_object_id", "gar_object_guid", "latitude", "longitude", "is_active", "updated_at")

    def get_search_results(self, request, queryset, search_term):
        if not search_term:
            return queryset, False
        guid_or_id = search_term.strip()
        if guid_or_id.isdigit():
            return queryset.filter(gar_object_id=int(guid_or_id)), False
        return queryset.filter(pk__in=Address.objects.search(search_term).values("pk")), False

    def save_model(self, request, obj, form, change):
        # search_text is derived: a hand-edited address must stay findable.
        obj.search_text = normalize(obj.full_text)
        super().save_model(request, obj, form, change)


@admin.register(AddressObject)
class AddressObjectAdmin(admin.ModelAdmin):
    list_display = ("name", "typename", "level", "objectid", "is_active")
    list_filter = ("level", "is_active")
    search_fields = ("name", "=objectid")


@admin.register(HierarchyItem)
class HierarchyItemAdmin(admin.ModelAdmin):
    list_display = ("objectid", "parent_objectid", "path")
    search_fields = ("=objectid", "=parent_objectid")

