"""The named status changes of an application and the applicant's draft edit; each status change is
one call of WorkflowMixin.transition (lock, check, change, history row, notices, one transaction). The
staff's recorded correction is WorkflowMixin.correct with Application.record_correction."""

from django.utils import timezone
from django.utils.translation import gettext as _

from applications.choices import EDITABLE_STATUSES
from applications.models.deadlines import DeadlineRule, DeadlineStep
from applications.models.numbering import ApplicationNumber
from portal.workdays import add_working_days, working_days_between
from portal.workflow import Refused


class ApplicationRefused(Refused):
    """An application action refused for a reason the person who asked should read."""


def _today():
    return timezone.localdate()


def _require(text, message):
    if not (text or "").strip():
        raise ApplicationRefused(message)


class ApplicationTransitions:
    def submit(self, *, actor):
        def change(app):
            app.number = ApplicationNumber.take_next(_today().year)
            app.submitted_at = timezone.now()
            app.due_date = add_working_days(_today(), DeadlineRule.days_for(app, DeadlineStep.COMPLETENESS))
            app.answer_due_date = add_working_days(_today(), DeadlineRule.days_for(app, DeadlineStep.ANSWER))

        return self.transition("submit", actor=actor, change=change)

    def take_into_review(self, *, actor, comment=""):
        def change(app):
            app.due_date = app.answer_due_date

        return self.transition("take_into_review", actor=actor, comment=comment, change=change)

    def request_correction(self, *, actor, comment):
        """The clock stops: the days left for the answer are kept until the applicant resubmits."""
        _require(comment, _("Say what must be corrected."))

        def change(app):
            app.correction_request = comment
            app.answer_days_left = max(working_days_between(_today(), app.answer_due_date or _today()), 1)
            app.due_date = add_working_days(_today(), DeadlineRule.days_for(app, DeadlineStep.CORRECTION))

        return self.transition("request_correction", actor=actor, comment=comment, change=change)

    def resubmit(self, *, actor, comment="", documents=()):
        def change(app):
            app.answer_due_date = add_working_days(_today(), app.answer_days_left or 1)
            app.due_date = app.answer_due_date
            app.answer_days_left = None

        return self.transition("resubmit", actor=actor, comment=comment, documents=documents, change=change)

    def request_signature(self, *, actor, comment=""):
        def change(app):
            app.answer_days_left = max(working_days_between(_today(), app.answer_due_date or _today()), 1)
            app.due_date = None

        return self.transition("request_signature", actor=actor, comment=comment, change=change)

    def mark_signed(self, *, actor, documents=(), comment=""):
        def change(app):
            app.answer_due_date = add_working_days(_today(), app.answer_days_left or 1)
            app.due_date = app.answer_due_date
            app.answer_days_left = None

        return self.transition("mark_signed", actor=actor, comment=comment, documents=documents, change=change)

    def complete(self, *, actor, documents, comment=""):
        if not documents:
            raise ApplicationRefused(_("Attach the result documents."))
        return self.transition("complete", actor=actor, comment=comment, documents=documents, change=_stop_clock)

    def reject(self, *, actor, comment):
        _require(comment, _("Give the reason for the rejection."))

        def change(app):
            app.rejection_reason = comment
            _stop_clock(app)

        return self.transition("reject", actor=actor, comment=comment, change=change)

    def withdraw(self, *, actor, comment=""):
        return self.transition("withdraw", actor=actor, comment=comment, change=_stop_clock)

    def annul(self, *, comment, actor=None):
        return self.transition("annul", actor=actor, comment=comment, change=_stop_clock)

    # --- edits that keep the status ------------------------------------------------------------

    def update_draft(self, *, values):
        """The applicant's own edit of a draft or of an application returned for correction: only the
        given fields, on the locked row, and only while the status still allows it.
        Raises EditNotAllowed."""
        def change(app):
            for name, value in values.items():
                setattr(app, name, value)

        return self.edit(statuses=EDITABLE_STATUSES, change=change,
                         refusal=_("Not saved: the application is no longer a draft or waiting for corrections "
                                   "(someone acted meanwhile). Reload the page."))

    update_draft.alters_data = True


def _stop_clock(app):
    app.due_date = None
    app.answer_days_left = None
