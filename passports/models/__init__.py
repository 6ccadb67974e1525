from passports.models.numbering import PassportNumber
from passports.models.passport import Passport, PassportEvent
from passports.models.systems import EngineeringSystem
from portal.workflow import TransitionNotAllowed

__all__ = ["Passport", "PassportEvent", "PassportNumber", "EngineeringSystem", "TransitionNotAllowed"]
