from applications.models.application import Application, ApplicationNumber
from applications.models.choices import (
    DeliveryMethod,
    Kind,
    LoadUnit,
    Reason,
    Status,
    SupplyType,
)
from applications.models.deadlines import DeadlineRule, DeadlineStep
from applications.models.documents import ApplicationDocument, ApplicationSignature, DocumentSlot
from applications.models.history import ApplicationEvent

__all__ = [
    "Application", "ApplicationNumber", "ApplicationDocument", "ApplicationSignature", "ApplicationEvent", "DeadlineRule",
    "DeadlineStep", "DeliveryMethod", "DocumentSlot", "Kind", "LoadUnit", "Reason", "Status", "SupplyType",
]
