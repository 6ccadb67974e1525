"""The passport's statuses, the moves between them (as data) and the reference lists of its fields."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("passport status", "Draft")
    VALIDATED = "validated", pgettext_lazy("passport status", "Checked")
    SIGNED = "signed", pgettext_lazy("passport status", "Signed")
    SENT = "sent", pgettext_lazy("passport status", "Sent")
    ACCEPTED = "accepted", pgettext_lazy("passport status", "Accepted")
    RETURNED = "returned", pgettext_lazy("passport status", "Returned for revision")
    SUPERSEDED = "superseded", pgettext_lazy("passport status", "Superseded")


# action -> (statuses it may start from, status it leads to). Nothing else changes a status.
TRANSITIONS = {
    "validate": ((Status.DRAFT, Status.RETURNED), Status.VALIDATED),
    # Back to editing after the check (the frozen content and any signature are dropped).
    "reopen": ((Status.VALIDATED, Status.SIGNED), Status.DRAFT),
    "sign": ((Status.VALIDATED,), Status.SIGNED),
    "send": ((Status.SIGNED,), Status.SENT),
    "accept": ((Status.SENT,), Status.ACCEPTED),
    "return": ((Status.SENT,), Status.RETURNED),
    "supersede": ((Status.ACCEPTED,), Status.SUPERSEDED),
}

EDITABLE = (Status.DRAFT, Status.RETURNED)
# A building has at most one passport in work per organisation: these are "in work".
IN_WORK = (Status.DRAFT, Status.VALIDATED, Status.SIGNED, Status.SENT, Status.RETURNED)
# Moves the organisation makes itself get no e-mail; the municipality's decisions and the receipt do.
NOTIFIED_MOVES = (Status.SENT, Status.ACCEPTED, Status.RETURNED, Status.SUPERSEDED)

REVIEW_WORKING_DAYS = 10  # the reviewer's deadline for a sent passport


class WallMaterial(models.TextChoices):
    BRICK = "brick", pgettext_lazy("wall material", "Brick")
    PANEL = "panel", pgettext_lazy("wall material", "Panel")
    BLOCK = "block", pgettext_lazy("wall material", "Block")
    MONOLITH = "monolith", pgettext_lazy("wall material", "Monolithic reinforced concrete")
    WOOD = "wood", pgettext_lazy("wall material", "Wood")
    MIXED = "mixed", pgettext_lazy("wall material", "Mixed")
    OTHER = "other", pgettext_lazy("wall material", "Other")


class EnergyClass(models.TextChoices):
    A_PLUS_PLUS = "A++", "A++"
    A_PLUS = "A+", "A+"
    A = "A", "A"
    B = "B", "B"
    C = "C", "C"
    D = "D", "D"
    E = "E", "E"
    F = "F", "F"
    G = "G", "G"


class SystemKind(models.TextChoices):
    HEATING = "heating", _("Heating")
    HOT_WATER = "hot_water", _("Hot water supply")
    COLD_WATER = "cold_water", _("Cold water supply")
    SEWERAGE = "sewerage", _("Sewerage")
    ELECTRICITY = "electricity", _("Electricity supply")
    GAS = "gas", _("Gas supply")


SYSTEM_ORDER = [kind.value for kind in SystemKind]


class Supply(models.TextChoices):
    CENTRAL = "central", _("Centralised")
    AUTONOMOUS = "autonomous", _("Autonomous")
    NONE = "none", _("Absent")


class SystemState(models.TextChoices):
    GOOD = "good", _("In working order")
    NEEDS_REPAIR = "needs_repair", _("Needs repair")
    EMERGENCY = "emergency", _("In emergency condition")
