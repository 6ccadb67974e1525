"""The one way a status changes (DESIGN.md "Workflows"), shared by every workflow model.

A model mixes in WorkflowMixin, sets `transitions` (action -> (statuses it starts from, target)) and
implements `record_move(...)` (its history row) and `notify_move(event)` (its notification rows).
"""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TransitionNotAllowed(Exception):
    """The object is no longer in a status the action starts from (someone else acted first)."""

    def __init__(self, obj, action):
        self.status = obj.get_status_display()
        super().__init__(f"{action} not allowed from {obj.status}")


class WorkflowMixin:
    transitions = {}

    def can(self, action):
        return self.status in self.transitions[action][0]

    def _move(self, action, *, actor, comment="", change=None, **event_links):
        """Lock the row, check the move, apply `change`, save, write the history row and queue the
        notifications — one transaction, so all of it happens or none of it."""
        sources, target = self.transitions[action]
        with transaction.atomic():
            locked = type(self).objects.select_for_update().get(pk=self.pk)
            if locked.status not in sources:
                raise TransitionNotAllowed(locked, action)
            old_status, locked.status = locked.status, target
            if change:
                change(locked)
            locked.save()
            event = locked.record_move(old_status=old_status, actor=actor, comment=comment, **event_links)
            locked.notify_move(event)
        self.refresh_from_db()
        return event


class StatusEvent(models.Model):
    """A history row of a workflow whose every event is a status change without files (agreements,
    notices, passports): the concrete model adds the link to its object and from/to status fields
    with its own choices. The shape is what partials/history_table.html shows."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("author"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    is_status_change = True
    attachments = ()

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self):
        # Readable in the admin (not «AgreementEvent object (16)»): the time and the new status.
        return f"{timezone.localtime(self.created_at):%d.%m.%Y %H:%M} — {self.get_to_status_display()}"
