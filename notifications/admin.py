from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from audit.access import AccessLoggedAdminMixin
from notifications.models import Notification
from notifications.services import notifications_requeue_failed

SECRET_HIDDEN = _("Hidden: the message carries a secret (a link or a code) meant for its recipient only.")


@admin.register(Notification)
class NotificationAdmin(AccessLoggedAdminMixin, admin.ModelAdmin):
    """Staff look at the outbox and send failed messages again; the rows themselves are history."""

    list_display = ("created_at", "channel", "recipient", "template", "status", "attempts")
    list_filter = ("channel", "status")
    search_fields = ("recipient",)
    date_hierarchy = "created_at"
    list_select_related = ("user",)
    actions = ("requeue_failed",)
    fields = (
        ("channel", "status"), ("recipient", "user"), "template", "subject", "text", "html_text", "context_shown",
        ("attempts", "last_error"), "provider_message_id",
        ("created_at", "last_attempt_at", "next_attempt_at", "sent_at"),
    )
    readonly_fields = (*(field.name for field in Notification._meta.fields if field.name != "id"),
                       "text", "html_text", "context_shown")

    def has_add_permission(self, request):
        return False

    # A secret (reset link, code) is shown to nobody, superusers included; delivered rows are blank anyway.
    @admin.display(description=_("text"))
    def text(self, notification):
        return SECRET_HIDDEN if notification.contains_secret else notification.body

    @admin.display(description=_("HTML text"))
    def html_text(self, notification):
        return SECRET_HIDDEN if notification.contains_secret else notification.html_body

    @admin.display(description=_("context"))
    def context_shown(self, notification):
        return SECRET_HIDDEN if notification.contains_secret else notification.context

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
