"""The named status changes of an application; each is one call of Application._move."""

from django.utils import timezone

from applications.models.deadlines import DeadlineRule, DeadlineStep
from portal.workdays import add_working_days, working_days_between


def _today():
    return timezone.localdate()


def _require(text, what):
    if not (text or "").strip():
        raise ValueError(f"{what} is required")


class ApplicationTransitions:
    def submit(self, *, actor):
        from applications.models.application import ApplicationNumber

        def change(app):
            app.number = ApplicationNumber.take_next(_today().year)
            app.submitted_at = timezone.now()
            app.due_date = add_working_days(_today(), DeadlineRule.days_for(app, DeadlineStep.COMPLETENESS))
            app.answer_due_date = add_working_days(_today(), DeadlineRule.days_for(app, DeadlineStep.ANSWER))

        return self._move("submit", actor=actor, change=change)

    def take_into_review(self, *, actor, comment=""):
        def change(app):
            app.due_date = app.answer_due_date

        return self._move("take_into_review", actor=actor, comment=comment, change=change)

    def request_correction(self, *, actor, comment):
        """The clock stops: the days left for the answer are kept until the applicant resubmits."""
        _require(comment, "what to correct")

        def change(app):
            app.correction_request = comment
            app.answer_days_left = max(working_days_between(_today(), app.answer_due_date or _today()), 1)
            app.due_date = add_working_days(_today(), DeadlineRule.days_for(app, DeadlineStep.CORRECTION))

        return self._move("request_correction", actor=actor, comment=comment, change=change)

    def resubmit(self, *, actor, comment="", documents=()):
        def change(app):
            app.answer_due_date = add_working_days(_today(), app.answer_days_left or 1)
            app.due_date = app.answer_due_date
            app.answer_days_left = None

        return self._move("resubmit", actor=actor, comment=comment, documents=documents, change=change)

    def request_signature(self, *, actor, comment=""):
        def change(app):
            app.answer_days_left = max(working_days_between(_today(), app.answer_due_date or _today()), 1)
            app.due_date = None

        return self._move("request_signature", actor=actor, comment=comment, change=change)

    def mark_signed(self, *, actor, documents=(), comment=""):
        def change(app):
            app.answer_due_date = add_working_days(_today(), app.answer_days_left or 1)
            app.due_date = app.answer_due_date
            app.answer_days_left = None

        return self._move("mark_signed", actor=actor, comment=comment, documents=documents, change=change)

    def complete(self, *, actor, documents, comment=""):
        if not documents:
            raise ValueError("result documents are required")
        return self._move("complete", actor=actor, comment=comment, documents=documents, change=_stop_clock)

    def reject(self, *, actor, comment):
        _require(comment, "the reason")

        def change(app):
            app.rejection_reason = comment
            _stop_clock(app)

        return self._move("reject", actor=actor, comment=comment, change=change)

    def withdraw(self, *, actor, comment=""):
        return self._move("withdraw", actor=actor, comment=comment, change=_stop_clock)

    def annul(self, *, comment, actor=None):
        return self._move("annul", actor=actor, comment=comment, change=_stop_clock)


def _stop_clock(app):
    app.due_date = None
    app.answer_days_left = None
