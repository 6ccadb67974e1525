"""The agreement's statuses (seed 000) and the moves between them, as data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Under review")
    ACCEPTED = "accepted", _("Concluded")
    REJECTED = "rejected", _("Declined")
    TERMINATED = "terminated", _("Terminated")


class OrganisationKind(models.TextChoices):
    LEGAL = "legal", _("Legal entity")
    ENTREPRENEUR = "entrepreneur", _("Sole proprietor")


# action -> (statuses it may start from, status it leads to). Nothing else changes a status.
TRANSITIONS = {
    "submit": ((Status.DRAFT,), Status.SUBMITTED),
    "accept": ((Status.SUBMITTED,), Status.ACCEPTED),
    "reject": ((Status.SUBMITTED,), Status.REJECTED),
    "terminate": ((Status.ACCEPTED,), Status.TERMINATED),
}

REVIEW_WORKING_DAYS = 10  # the reviewer's deadline for a submitted agreement
