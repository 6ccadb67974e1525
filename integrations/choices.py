"""Information systems (ИС) and delegations of access rights (seed 002), their statuses and moves as data.

Seed 002 "Регистрация ИС": a system is «собственная» (reports for its own organisation) or «коммерческая»
(an «Оператор ИС» reports for other organisations); it is registered by a signed application, activated
by the operator of the receiving system (here: a municipal reviewer) and may be blocked. Seed 002
"Делегирование полномочий": an organisation grants an ИС rights for kinds of information and a period;
the ИС operator accepts or rejects the request; accepted rights give the organisation an
information-provider identifier.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SystemKind(models.TextChoices):
    OWN = "own", _("Own information system")
    COMMERCIAL = "commercial", _("Commercial information system")


class SystemStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Under review")
    ACTIVE = "active", _("Active")
    REJECTED = "rejected", _("Rejected")
    BLOCKED = "blocked", _("Blocked")


class InformationKind(models.TextChoices):
    """Kinds of information the portal receives from organisations (seed 000); later issues add more."""

    NOTICES = "notices", _("Served-address notices")
    PASSPORTS = "passports", _("House passports")


class DelegationStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    REVOKED = "revoked", _("Revoked")


# action -> (statuses it may start from, status it leads to). Nothing else changes a status.
SYSTEM_TRANSITIONS = {
    "submit": ((SystemStatus.DRAFT,), SystemStatus.SUBMITTED),
    "activate": ((SystemStatus.SUBMITTED,), SystemStatus.ACTIVE),
    "reject": ((SystemStatus.SUBMITTED,), SystemStatus.REJECTED),
    "block": ((SystemStatus.ACTIVE,), SystemStatus.BLOCKED),
    "unblock": ((SystemStatus.BLOCKED,), SystemStatus.ACTIVE),
    "renew_certificate": ((SystemStatus.ACTIVE,), SystemStatus.ACTIVE),
}

DELEGATION_TRANSITIONS = {
    "accept": ((DelegationStatus.SENT,), DelegationStatus.ACCEPTED),
    "reject": ((DelegationStatus.SENT,), DelegationStatus.REJECTED),
    "revoke": ((DelegationStatus.SENT, DelegationStatus.ACCEPTED), DelegationStatus.REVOKED),
}

# Subjects of the Russian Federation by their two-digit code (the ones the portal's branches serve first;
# the OKTMO code names the territory exactly).
REGIONS = [
    ("31", _("Belgorod Oblast")), ("36", _("Voronezh Oblast")), ("40", _("Kaluga Oblast")),
    ("46", _("Kursk Oblast")), ("48", _("Lipetsk Oblast")), ("50", _("Moscow Oblast")),
    ("57", _("Oryol Oblast")), ("71", _("Tula Oblast")), ("77", _("Moscow")), ("78", _("Saint Petersburg")),
]
