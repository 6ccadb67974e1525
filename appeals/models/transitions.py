"""The named status changes of an appeal; each is one call of Appeal._move."""

from django.utils import timezone


class AppealTransitions:
    def take_into_work(self, *, actor, comment=""):
        return self._move("take_into_work", actor=actor, comment=comment)

    def send_answer(self, *, actor, text, files=()):
        """The answer text is what the applicant reads: it may not be empty, files alone are not an answer."""
        text = (text or "").strip()
        if not text:
            raise ValueError("the answer text is required")

        def change(appeal):
            appeal.answer = text
            appeal.answered_by = actor
            appeal.answered_at = timezone.now()

        return self._move("answer", actor=actor, files=files, change=change)
