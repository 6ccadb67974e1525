"""The deadlines an applicant sees, each with its name: the current step's (the utility's completeness
check, or the applicant's own corrections) and the final answer's, which stops while the applicant
corrects or signs (seed 003; the clock rules are in applications/models/transitions.py)."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from applications.choices import STAFF_TURN, Status

STEP_LABELS = {
    Status.SUBMITTED: _("Completeness check by"),
    Status.NEEDS_CORRECTION: _("Your corrections are due by"),
}
ANSWER_LABEL = _("Final answer due by")
STOPPED_LABEL = _("Final answer")


@dataclass(frozen=True)
class Deadline:
    label: str
    date: datetime.date | None = None
    text: str = ""        # instead of a date: the stopped clock


def deadlines(application):
    """[Deadline, ...] for `application` in its current status, the step's first; [] when none runs."""
    items = []
    step = STEP_LABELS.get(application.status)
    if step and application.due_date:
        items.append(Deadline(str(step), application.due_date))
    if application.answer_days_left and application.status not in STAFF_TURN:
        days = application.answer_days_left
        items.append(Deadline(str(STOPPED_LABEL), text=ngettext(
            "the clock is stopped; %(days)d working day will remain once you act",
            "the clock is stopped; %(days)d working days will remain once you act", days) % {"days": days}))
    elif application.answer_due_date and application.status in STAFF_TURN:
        items.append(Deadline(str(ANSWER_LABEL), application.answer_due_date))
    return items


def deadlines_text(application):
    """One line for e-mails, SMS and the PDF: «Completeness check by: 03.12.2026; Final answer due by: …»."""
    return "; ".join(f"{item.label}: {item.date:%d.%m.%Y}" if item.date else f"{item.label}: {item.text}"
                     for item in deadlines(application))
