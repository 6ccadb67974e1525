"""Which phone numbers can receive SMS codes (issue 11 item 4).

A code is the point of the number, so only numbers the numbering plan marks as mobile are accepted
(phonenumbers' number type, from the Rossvyaz plan for Russia): landlines, 8-800 free-phone and other
non-mobile ranges cannot receive an SMS and are refused with a clear message.
"""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from phonenumber_field.phonenumber import to_python

MOBILE_TYPES = {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
NOT_MOBILE_MESSAGE = _("SMS codes need a mobile number: landline, 8-800 and other non-mobile numbers cannot "
                       "receive them. Enter a mobile number, e.g. +7 912 345-67-89.")


def is_mobile(phone):
    """True for a valid mobile number; `phone` is a PhoneNumber or a string (read as Russian by default)."""
    if not phone:
        return False
    if isinstance(phone, str):
        phone = to_python(phone, region="RU")
    try:
        return phonenumbers.number_type(phone) in MOBILE_TYPES and phonenumbers.is_valid_number(phone)
    except Exception:  # noqa: BLE001 - anything unparseable is simply not a mobile number
        return False


def validate_mobile(phone):
    if phone and not is_mobile(phone):
        raise ValidationError(NOT_MOBILE_MESSAGE, code="not_mobile")
