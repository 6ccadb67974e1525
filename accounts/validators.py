"""Russian registration numbers, validated with their real check-digit algorithms.

INN: Tax Code art. 84 / FNS order; OGRN and OGRNIP: the remainder rule of the state register;
SNILS: the Pension Fund's checksum (numbers up to 001-001-998 carry no meaningful check).
First digits (FNS order of 16.04.2003 / the state registers' numbering): an OGRN begins with 1 or 5,
an OGRNIP with 3; 2, 4, 6–9 begin the numbers of later register records (ГРН), not of the person.
Numbers are compared as digits only: people type them with spaces, hyphens and dots, which are dropped.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
INN12_WEIGHTS_11 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
INN12_WEIGHTS_12 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


# Separators people type inside numbers: spaces (incl. no-break), hyphens and dashes, dots, slashes, «№».
SEPARATORS = re.compile(r"[\s\-\u2010-\u2015.,/()№]")
OGRN_FIRST_DIGITS = "15"
OGRNIP_FIRST_DIGITS = "3"


def digits_only(value):
    return SEPARATORS.sub("", str(value or ""))


def _weighted_check(digits, weights):
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11 % 10


def inn_is_valid(value):
    inn = digits_only(value)
    if not inn.isdigit():
        return False
    if len(inn) == 10:
        return _weighted_check(inn, INN10_WEIGHTS) == int(inn[9])
    if len(inn) == 12:
        return (_weighted_check(inn, INN12_WEIGHTS_11) == int(inn[10])
                and _weighted_check(inn, INN12_WEIGHTS_12) == int(inn[11]))
    return False


def ogrn_is_valid(value):
    ogrn = digits_only(value)
    return (len(ogrn) == 13 and ogrn.isdigit() and ogrn[0] in OGRN_FIRST_DIGITS
            and int(ogrn[:12]) % 11 % 10 == int(ogrn[12]))


def ogrnip_is_valid(value):
    ogrnip = digits_only(value)
    return (len(ogrnip) == 15 and ogrnip.isdigit() and ogrnip[0] in OGRNIP_FIRST_DIGITS
            and int(ogrnip[:14]) % 13 % 10 == int(ogrnip[14]))


def snils_is_valid(value):
    snils = digits_only(value)
    if len(snils) != 11 or not snils.isdigit():
        return False
    number, check = snils[:9], int(snils[9:])
    if int(number) <= 1001998:
        return True
    total = sum(int(d) * (9 - i) for i, d in enumerate(number))
    if total > 101:
        total %= 101
    expected = 0 if total in (100, 101) else total
    return expected == check


def validate_inn_legal(value):
    inn = digits_only(value)
    if len(inn) != 10 or not inn.isdigit():
        raise ValidationError(_("An organisation's INN has 10 digits."), code="inn_length")
    if not inn_is_valid(inn):
        raise ValidationError(_("The INN check digit does not match: check the number."), code="inn_check")


def validate_inn_person(value):
    inn = digits_only(value)
    if len(inn) != 12 or not inn.isdigit():
        raise ValidationError(_("A person's INN has 12 digits."), code="inn_length")
    if not inn_is_valid(inn):
        raise ValidationError(_("The INN check digit does not match: check the number."), code="inn_check")


def validate_ogrn(value):
    ogrn = digits_only(value)
    if len(ogrn) != 13 or not ogrn.isdigit():
        raise ValidationError(_("OGRN has 13 digits."), code="ogrn_length")
    if ogrn[0] not in OGRN_FIRST_DIGITS:
        raise ValidationError(_("An OGRN begins with 1 or 5: check the number."), code="ogrn_first_digit")
    if not ogrn_is_valid(ogrn):
        raise ValidationError(_("The OGRN check digit does not match: check the number."), code="ogrn_check")


def validate_ogrnip(value):
    ogrnip = digits_only(value)
    if len(ogrnip) != 15 or not ogrnip.isdigit():
        raise ValidationError(_("OGRNIP has 15 digits."), code="ogrnip_length")
    if ogrnip[0] not in OGRNIP_FIRST_DIGITS:
        raise ValidationError(_("An OGRNIP begins with 3: check the number."), code="ogrnip_first_digit")
    if not ogrnip_is_valid(ogrnip):
        raise ValidationError(_("The OGRNIP check digit does not match: check the number."), code="ogrnip_check")


def validate_snils(value):
    snils = digits_only(value)
    if len(snils) != 11 or not snils.isdigit():
        raise ValidationError(_("SNILS has 11 digits, e.g. 112-233-445 95."), code="snils_length")
    if not snils_is_valid(snils):
        raise ValidationError(_("The SNILS check number does not match: check the number."), code="snils_check")


def validate_kpp(value):
    if not re.fullmatch(r"\d{4}[0-9A-Z]{2}\d{3}", digits_only(value).upper()):
        raise ValidationError(_("KPP has 9 characters: 4 digits, 2 digits or Latin letters, 3 digits."),
                              code="kpp_format")


def validate_passport_series(value):
    if not re.fullmatch(r"\d{4}", digits_only(value)):
        raise ValidationError(_("The passport series has 4 digits."), code="passport_series")


def validate_passport_number(value):
    if not re.fullmatch(r"\d{6}", digits_only(value)):
        raise ValidationError(_("The passport number has 6 digits."), code="passport_number")


def format_snils(value):
    snils = digits_only(value)
    if len(snils) != 11:
        return value
    return f"{snils[0:3]}-{snils[3:6]}-{snils[6:9]} {snils[9:11]}"
