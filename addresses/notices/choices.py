"""Served-address notices (seed 000): their kinds, bases, statuses and the moves between them, as data."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NoticeKind(models.TextChoices):
    ADD = "add", _("Notice of adding an address")
    REMOVE = "remove", _("Notice of removing an address")


class BasisKind(models.TextChoices):
    CONTRACT = "contract", _("Management contract")
    OWNERS_DECISION = "owners_decision", _("Decision of the owners' general meeting")


class NoticeStatus(models.TextChoices):
    # A context of their own: "Rejected" of an application is feminine in Russian (заявка), of a notice
    # neuter (извещение): Отклонено.
    DRAFT = "draft", pgettext_lazy("notice status", "Draft")
    SENT = "sent", pgettext_lazy("notice status", "Sent")
    CONFIRMED = "confirmed", pgettext_lazy("notice status", "Confirmed")
    # Some addresses confirmed, the others rejected: the reviewer decides each address of a notice.
    PARTLY_CONFIRMED = "partly_confirmed", pgettext_lazy("notice status", "Partially confirmed")
    REJECTED = "rejected", pgettext_lazy("notice status", "Rejected")


class AddressDecision(models.TextChoices):
    """The reviewer's decision on one address of a notice; blank while the notice waits for review.
    Its own context: an address (адрес) is masculine in Russian — Подтверждён, Отклонён."""

    CONFIRMED = "confirmed", pgettext_lazy("notice address decision", "Confirmed")
    REJECTED = "rejected", pgettext_lazy("notice address decision", "Rejected")


# action -> (statuses it may start from, status it leads to). Nothing else changes a status.
TRANSITIONS = {
    "send": ((NoticeStatus.DRAFT,), NoticeStatus.SENT),
    "confirm": ((NoticeStatus.SENT,), NoticeStatus.CONFIRMED),
    "reject": ((NoticeStatus.SENT,), NoticeStatus.REJECTED),
    "confirm_partly": ((NoticeStatus.SENT,), NoticeStatus.PARTLY_CONFIRMED),
}

# The statuses a reviewer's decision leads to (the queue and the dashboard count them as decided).
DECIDED_STATUSES = (NoticeStatus.CONFIRMED, NoticeStatus.PARTLY_CONFIRMED, NoticeStatus.REJECTED)

# The reviewer's deadline for a sent notice, as for agreements (the issue names no other figure).
REVIEW_WORKING_DAYS = 10
