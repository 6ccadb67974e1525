"""The named status changes of an appeal; each is one call of WorkflowMixin.transition."""

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.workflow import Refused


class AppealRefused(Refused):
    """An appeal action refused for a reason the person who asked should read."""


def require_answer_text(text):
    """The answer text is what the applicant reads: it may not be empty, files alone are not an answer."""
    text = (text or "").strip()
    if not text:
        raise AppealRefused(_("Write the text of the answer."))
    return text


class AppealTransitions:
    def take_into_work(self, *, actor, comment=""):
        return self.transition("take_into_work", actor=actor, comment=comment)

    def send_answer(self, *, actor, text, files=()):
        text = require_answer_text(text)

        def change(appeal):
            appeal.answer = text
            appeal.answered_by = actor
            appeal.answered_at = timezone.now()

        return self.transition("answer", actor=actor, files=files, change=change)
