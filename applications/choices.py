"""The vocabularies of seeds 001 and 003: kinds, supply types, statuses and the moves between them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    TECHNICAL_CONDITIONS = "tu", _("Technical conditions")
    CONNECTION_CONTRACT = "contract", _("Connection contract")


class SupplyType(models.TextChoices):
    HEAT = "heat", _("Heat supply (HS)")
    COLD_WATER = "cold_water", _("Cold water supply (CWS)")
    SEWERAGE = "sewerage", _("Sewerage (WD)")
    ELECTRICITY = "electricity", _("Electricity supply (ES)")


class LoadUnit(models.TextChoices):
    GCAL_H = "gcal_h", _("Gcal/h")
    M3_DAY = "m3_day", _("m³/day")
    L_S = "l_s", _("l/s")
    KW = "kw", _("kW")


LOAD_UNITS = {
    SupplyType.HEAT: (LoadUnit.GCAL_H,),
    SupplyType.COLD_WATER: (LoadUnit.M3_DAY, LoadUnit.L_S),
    SupplyType.SEWERAGE: (LoadUnit.M3_DAY, LoadUnit.L_S),
    SupplyType.ELECTRICITY: (LoadUnit.KW,),
}


class Reason(models.TextChoices):
    NEW_CONSTRUCTION = "new", _("New construction")
    RECONSTRUCTION = "reconstruction", _("Reconstruction")
    LOAD_CHANGE = "load_change", _("Change of load")


class DeliveryMethod(models.TextChoices):
    PERSONAL_ACCOUNT = "account", _("In the personal account")
    EMAIL = "email", _("By e-mail")
    POST = "post", _("By post")
    IN_PERSON = "in_person", _("In person at the office")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Formed")
    UNDER_REVIEW = "under_review", _("Under review")
    NEEDS_CORRECTION = "needs_correction", _("Needs correction")
    AWAITING_SIGNATURE = "awaiting_signature", _("Awaiting e-signature")
    SIGNED = "signed", _("Signed")
    COMPLETED = "completed", _("Completed")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ANNULLED = "annulled", _("Annulled")


FINAL_STATUSES = frozenset({Status.COMPLETED, Status.REJECTED, Status.WITHDRAWN, Status.ANNULLED})
WITHDRAWABLE = (Status.SUBMITTED, Status.UNDER_REVIEW, Status.NEEDS_CORRECTION, Status.AWAITING_SIGNATURE,
                Status.SIGNED)

# action -> (statuses it may start from, status it leads to). Nothing else changes a status.
TRANSITIONS = {
    "submit": ((Status.DRAFT,), Status.SUBMITTED),
    "take_into_review": ((Status.SUBMITTED,), Status.UNDER_REVIEW),
    "request_correction": ((Status.SUBMITTED, Status.UNDER_REVIEW), Status.NEEDS_CORRECTION),
    "resubmit": ((Status.NEEDS_CORRECTION,), Status.UNDER_REVIEW),
    "request_signature": ((Status.UNDER_REVIEW,), Status.AWAITING_SIGNATURE),
    "mark_signed": ((Status.AWAITING_SIGNATURE,), Status.SIGNED),
    "complete": ((Status.SIGNED,), Status.COMPLETED),
    "reject": ((Status.SUBMITTED, Status.UNDER_REVIEW, Status.NEEDS_CORRECTION, Status.AWAITING_SIGNATURE,
                Status.SIGNED), Status.REJECTED),
    "withdraw": (WITHDRAWABLE, Status.WITHDRAWN),
    "annul": ((Status.NEEDS_CORRECTION,), Status.ANNULLED),
}

# The applicant edits the application itself only in these statuses (under the row lock).
EDITABLE_STATUSES = (Status.DRAFT, Status.NEEDS_CORRECTION)
# Staff may correct the applicant's details (a recorded move the applicant sees) after submission and
# before the signing step: what is signed never changes (issue 12 §3).
CORRECTABLE_STATUSES = (Status.SUBMITTED, Status.UNDER_REVIEW)
CORRECTABLE_FIELDS = ("applicant_name", "phone", "email", "object_address", "cadastral_number", "object_purpose",
                      "reason", "max_load", "load_unit", "planned_commissioning", "delivery_method")

# Who is expected to act next, for queues and overdue marks.
STAFF_TURN = frozenset({Status.SUBMITTED, Status.UNDER_REVIEW, Status.SIGNED})
APPLICANT_TURN = frozenset({Status.DRAFT, Status.NEEDS_CORRECTION, Status.AWAITING_SIGNATURE})
