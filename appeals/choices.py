"""Seed 001: an appeal is "принято" when registered, "обработано" once staff take it, and "ответ
направлен" when the answer is sent. The moves between them are data; nothing else changes a status."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PROCESSED = "processed", _("Processed")
    ANSWERED = "answered", _("Answer sent")


class FileRole(models.TextChoices):
    QUESTION = "question", _("From the applicant")
    ANSWER = "answer", _("From the utility")


# action -> (statuses it may start from, status it leads to).
TRANSITIONS = {
    "take_into_work": ((Status.ACCEPTED,), Status.PROCESSED),
    "answer": ((Status.PROCESSED,), Status.ANSWERED),
}

# Statuses in which the utility still owes an answer: they count for queues, deadlines, follow-ups.
OPEN_STATUSES = frozenset({Status.ACCEPTED, Status.PROCESSED})
