from applications.choices import (
    DeliveryMethod,
    Kind,
    LoadUnit,
    Reason,
    Status,
    SupplyType,
)
from applications.models.application import Application
from applications.models.deadlines import DeadlineRule, DeadlineStep
from applications.models.documents import ApplicationDocument, ApplicationSignature, DocumentSlot
from applications.models.history import ApplicationEvent
from applications.models.numbering import ApplicationNumber

__all__ = [
    "Application", "ApplicationNumber", "ApplicationDocument", "ApplicationSignature", "ApplicationEvent",
    "DeadlineRule",
    "DeadlineStep", "DeliveryMethod", "DocumentSlot", "Kind", "LoadUnit", "Reason", "Status", "SupplyType",
]
