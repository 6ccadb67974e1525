from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notifications.models import Notification
from notifications.services import notifications_requeue_failed


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Staff look at the outbox and send failed messages again; the rows themselves are history."""

    list_display = ("created_at", "channel", "recipient", "template", "status", "attempts")
    list_filter = ("channel", "status")
    search_fields = ("recipient",)
    date_hierarchy = "created_at"
    list_select_related = ("user",)
    actions = ("requeue_failed",)
    fields = (
        ("channel", "status"), ("recipient", "user"), "template", "subject", "body", "html_body", "context",
        ("attempts", "last_error"), "provider_message_id",
        ("created_at", "last_attempt_at", "next_attempt_at", "sent_at"),
    )
    readonly_fields = tuple(field.name for field in Notification._meta.fields if field.name != "id")

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        # Messages of the people the staff member may see (accounts.visibility); superusers see all.
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(user__in=get_user_model().objects.visible_to_staff(request.user))

    @admin.action(description=_("Re-queue failed messages"), permissions=("change",))
    def requeue_failed(self, request, queryset):
        count = notifications_requeue_failed(queryset=queryset)
        if not count:
            self.message_user(request, _("No failed messages were selected."), messages.WARNING)
            return
        self.message_user(request, ngettext(
            "%(count)d message queued again.", "%(count)d messages queued again.", count,
        ) % {"count": count}, messages.SUCCESS)
