"""The named status changes of a house passport (seed 000) and the organisation's edit of its data;
each status change is one call of WorkflowMixin.transition (lock, check, change, history, notices)."""

from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _

from passports.choices import EDITABLE, REVIEW_WORKING_DAYS
from passports.content import render_content
from passports.models.numbering import PassportNumber
from passports.validation import passport_problems
from portal.workdays import add_working_days
from portal.workflow import EditNotAllowed, Refused


class PassportRefused(Refused):
    """The action cannot be done; the message says why, in words for the person who asked."""


class PassportInvalid(Refused):
    """The passport did not pass the check; `problems` lists what to fix."""

    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


def _drop_signature(locked):
    locked.signature, locked.signature_report, locked.signature_summary = b"", {}, ""


class PassportTransitions:
    def update_data(self, *, general, systems):
        """The organisation's forms: only a draft or a returned passport changes, on the locked row, so a
        concurrent check or send cannot freeze half-edited data. `systems`: {kind: {field: value}}.
        Raises PassportRefused."""
        def change(locked):
            for name, value in general.items():
                setattr(locked, name, value)
            for system in locked.systems.all():
                values = systems.get(system.kind, {})
                for name, value in values.items():
                    setattr(system, name, value)
                if values:
                    system.save(update_fields=list(values))

        try:
            return self.edit(statuses=EDITABLE, change=change)
        except EditNotAllowed as refusal:
            raise PassportRefused(_("The passport is “%(status)s” and can no longer be edited.")
                                  % {"status": refusal.status}) from None

    update_data.alters_data = True

    def validate(self, *, actor):
        """When the passport passes the check, freeze its canonical content (the bytes to sign).
        When it does not, raise PassportInvalid and change nothing."""
        def change(locked):
            problems = passport_problems(locked, timezone.localdate())
            if problems:
                raise PassportInvalid(problems)  # rolls the transition back
            locked.content, locked.content_sha256 = render_content(locked)
            _drop_signature(locked)

        return self.transition("validate", actor=actor, change=change)

    def reopen(self, *, actor):
        """Back to editing: the frozen content and any signature no longer describe what will be sent."""
        def change(locked):
            locked.content = locked.content_sha256 = ""
            _drop_signature(locked)

        return self.transition("reopen", actor=actor, change=change)

    def sign(self, *, actor, signature=b"", report=None, summary=""):
        """The signature (checked by the caller over the content it read) is stored with the move; a
        passport re-checked meanwhile has other bytes, which it does not cover: refused."""
        expected_sha256 = self.content_sha256

        def change(locked):
            if locked.content_sha256 != expected_sha256:
                raise PassportRefused(_("The passport changed while it was being signed: sign it again."))
            locked.signature, locked.signature_report, locked.signature_summary = signature, report or {}, summary

        return self.transition("sign", actor=actor, change=change)

    def send(self, *, actor):
        """To the municipality: a number (kept when a returned passport is sent again) and a due date."""
        def change(locked):
            today = timezone.localdate()
            locked.number = locked.number or PassportNumber.take_next(today.year)
            locked.due_date = add_working_days(today, REVIEW_WORKING_DAYS)
            locked.sent_at = timezone.now()
            locked.remarks = ""

        return self.transition("send", actor=actor, change=change)

    def accept(self, *, actor):
        """The building's previous accepted passport becomes "superseded" in the same transaction."""
        def change(locked):
            previous = type(self).objects.accepted_for(locked.address).exclude(pk=locked.pk).first()
            if previous is not None:
                previous.supersede(actor=actor, by=locked)
                locked.replaces = previous
            locked.due_date, locked.decided_at = None, timezone.now()

        try:
            return self.transition("accept", actor=actor, change=change)
        except IntegrityError:
            # Two passports of one building accepted at once: the one-accepted constraint stops the second.
            raise PassportRefused(_("Another passport of this building has just been accepted: reload the "
                                    "page.")) from None

    def supersede(self, *, actor, by):
        return self.transition("supersede", actor=actor,
                               comment=_("Replaced by the passport %(number)s.") % {"number": by.number})

    def return_for_revision(self, *, actor, remarks):
        remarks = (remarks or "").strip()
        if not remarks:
            raise PassportRefused(_("Write the remarks: the organisation needs to know what to fix."))

        def change(locked):
            locked.remarks, locked.due_date, locked.decided_at = remarks, None, timezone.now()

        return self.transition("return", actor=actor, comment=remarks, change=change)
