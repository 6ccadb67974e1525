"""The one way a workflow row changes (DESIGN.md "Workflows"), shared by every workflow model.

A model mixes in WorkflowMixin, sets `transitions` (action -> (statuses it starts from, target)) and
implements `record_move(...)` (its history row) and `notify_move(event)` (its notification rows). Its
named moves (submit, accept, ...) are methods of the model that call `transition()`; every other edit
of the row goes through `edit()`. Both lock the row, re-check its status under the lock and save only
the fields they changed, so a request that read the row earlier can never write an old status back.
"""

import copy
from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _


class Refused(Exception):
    """A refusal the person who asked should read: `str(error)` is a sentence for people (translated).
    Every workflow's refusals subclass it, so a view may catch this one class."""

    def __init__(self, message="", *args):
        super().__init__(message, *args)
        self.message = message

    def __str__(self):
        return str(self.message)


class TransitionNotAllowed(Refused):
    """The object is no longer in a status the action starts from (someone else acted first)."""

    def __init__(self, obj, action):
        self.status = obj.get_status_display()
        self.action = action
        super().__init__(_("Not done: it is already “%(status)s” — someone acted first. Reload the page.")
                         % {"status": self.status})


class EditNotAllowed(Refused):
    """The object's status no longer allows this edit (it was submitted, signed or decided meanwhile)."""

    def __init__(self, obj, message=None):
        self.status = obj.get_status_display()
        message = message or _("Not saved: it is “%(status)s” now and can no longer be changed here.")
        super().__init__(message % {"status": self.status} if "%(status)s" in str(message) else message)


def changed_fields(obj, before):
    """Names of the concrete fields whose values differ from the `before` snapshot, plus auto_now
    fields (they record that the row changed)."""
    names = [field.name for field in obj._meta.concrete_fields
             if not field.primary_key and before.get(field.attname) != getattr(obj, field.attname)]
    if names:
        names += [field.name for field in obj._meta.concrete_fields if getattr(field, "auto_now", False)]
    return list(dict.fromkeys(names))


def snapshot(obj):
    return {field.attname: _comparable(getattr(obj, field.attname)) for field in obj._meta.concrete_fields}


def _comparable(value):
    # Binary fields read from PostgreSQL are memoryviews: compare their bytes. JSON values are copied,
    # so a dict changed in place still counts as changed.
    if isinstance(value, memoryview):
        return bytes(value)
    return copy.deepcopy(value) if isinstance(value, (dict, list)) else value


class WorkflowMixin:
    transitions = {}

    def can(self, action):
        return self.status in self.transitions[action][0]

    def locked(self):
        """This row, locked until the end of the surrounding transaction."""
        return type(self)._default_manager.select_for_update().get(pk=self.pk)

    def transition(self, action, *, actor, comment="", change=None, **event_links):
        """Move the object by `action`: lock the row, check the move, apply `change(locked)`, save the
        status and the fields `change` set, write the history row and queue the notifications — one
        transaction, so all of it happens or none of it. Returns the history row.

        Raises TransitionNotAllowed when the locked row's status is not one the action starts from, and
        whatever `change` raises (the transaction rolls back)."""
        sources, target = self.transitions[action]
        with transaction.atomic():
            locked = self.locked()
            if locked.status not in sources:
                raise TransitionNotAllowed(locked, action)
            before = snapshot(locked)
            old_status, locked.status = locked.status, target
            if change:
                change(locked)
            locked.save(update_fields=changed_fields(locked, before))
            event = locked.record_move(old_status=old_status, actor=actor, comment=comment, **event_links)
            locked.notify_move(event)
        self.refresh_from_db()
        return event

    transition.alters_data = True

    def edit(self, *, statuses, change, refusal=None):
        """Edit the row without changing its status: lock it, check that its status is still one of
        `statuses`, apply `change(locked)` and save only the fields that changed. Returns the locked row
        (this instance is refreshed too). Raises EditNotAllowed (message `refusal` when given)."""
        with transaction.atomic():
            locked = self.locked()
            if locked.status not in statuses:
                raise EditNotAllowed(locked, refusal)
            before = snapshot(locked)
            result = change(locked)
            fields = changed_fields(locked, before)
            if fields:
                locked.save(update_fields=fields)
        self.refresh_from_db()
        return result if result is not None else locked

    edit.alters_data = True

    # A staff correction (issue 12 §3): which fields, in which statuses. The model implements
    # record_correction(*, actor, reason, changes, before) -> its history row (and queues the notice).
    correctable_fields = ()
    correctable_statuses = ()

    def correct(self, *, actor, reason, values):
        """Correct details of a submitted object: on the locked row, while its status allows it, with a
        required reason; the model's history row shows every old and new value to the applicant and the
        applicant is notified. `values`: {field name: new value}. Returns the history row.
        Raises Refused (no reason, a field that cannot be corrected, nothing changed) or EditNotAllowed."""
        reason = (reason or "").strip()
        if not reason:
            raise Refused(_("Give the reason for the correction: the applicant will read it."))
        unknown = set(values) - set(self.correctable_fields)
        if unknown:
            raise Refused(_("These fields cannot be corrected: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})

        def change(locked):
            before = {name: getattr(locked, name) for name in values}
            old = locked.field_values(values)
            for name, value in values.items():
                setattr(locked, name, value)
            new = locked.field_values(values)
            changes = {name: [old[name], new[name]] for name in values if old[name] != new[name]}
            if not changes:
                raise Refused(_("Nothing has changed: the values are the same as before."))
            return locked.record_correction(actor=actor, reason=reason, changes=changes, before=before)

        return self.edit(statuses=self.correctable_statuses, change=change,
                         refusal=_("Not corrected: it is “%(status)s” now and its data can no longer be changed."))

    correct.alters_data = True

    def field_values(self, names):
        """{name: value as people read it} for the history of a correction."""
        return {name: display_value(self, name) for name in names}


def display_value(obj, name):
    field = obj._meta.get_field(name)
    value = getattr(obj, name)
    if field.choices and value not in (None, ""):
        return str(getattr(obj, f"get_{name}_display")())
    if value in (None, ""):
        return "—"
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, Decimal):  # 0.2500 stored and 0.25 typed are one value: show both as 0,25
        return number_format(value.normalize())
    return str(value)


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
