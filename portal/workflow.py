"""The one way a status changes (DESIGN.md "Workflows"), shared by every workflow model.

A model mixes in WorkflowMixin, sets `transitions` (action -> (statuses it starts from, target)) and
implements `record_move(...)` (its history row) and `notify_move(event)` (its notification rows).
"""

from django.db import transaction


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
