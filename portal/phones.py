"""Russian phone numbers written the way Russians read them: by the real length of the area code.

phonenumbers (Google's libphonenumber metadata) parses, validates and types the number (mobile,
toll-free, fixed line) and writes every non-geographic one: «+7 912 345-67-89», «+7 800 200-06-00».
Its Russian metadata has no patterns for area codes, though (every Russian geographic number comes out
3-3-2-2, «+7 472 233-44-55»; its 4- and 5-digit patterns are Kazakhstan's 7xx), so the length of a
geographic code is read from the Russian numbering plan (Российская система и план нумерации, приказ
Мининформсвязи № 142 от 17.11.2006; codes as Rossvyaz lists them). The 10 national digits are the zone
(ABC, 3 digits) and a 7-digit number, inside which a city may own a longer code:
- 3-digit codes, 7-digit numbers: Moscow and its region (495, 499, 496, 498), St Petersburg (812), and
  the exchanges of the largest cities (CITY_EXCHANGES: 343 371-00-00 Екатеринбург, 383 Новосибирск…);
- 4-digit codes, 6-digit numbers: regional centres (the zone and «2»: 4722 Белгород, 3812 Омск, 8442
  Волгоград) and the other large cities listed in FOUR_DIGIT_CODES (3435 Нижний Тагил, 8453 Энгельс);
- 5-digit codes, 5-digit numbers: every other locality (district centres: 84563 Дергачи, 81371 Гатчина).
"""

import phonenumbers
from phonenumbers import PhoneNumberType

SEVEN_DIGIT_ZONES = frozenset({"495", "499", "496", "498", "812"})
# Million-plus cities whose own numbers are 7 digits long inside a zone whose other localities have 4- or
# 5-digit codes: the zone and the first digits of the city's exchanges (343 371-00-00 Екатеринбург, but
# 3439 Каменск-Уральский; 351 2xx Челябинск, but 35139 Копейск).
CITY_EXCHANGES = {
    "342": "2", "343": "23", "347": "2", "351": "27", "383": "23", "391": "2", "423": "2", "473": "2",
    "831": "24", "843": "25", "846": "239", "861": "2", "862": "2", "863": "23",
}
# 4-digit codes of cities whose code is not their zone and «2» (regional centres are found by the rule).
FOUR_DIGIT_CODES = frozenset({
    "3435", "3439", "3462", "3463", "3466", "3473", "3476", "3513", "3519", "3537", "3843", "3846", "3919",
    "3953", "3955", "4217", "4725", "4855", "8184", "8453", "8553", "8555", "8617", "8634", "8636", "8793",
})
# 5-digit codes that the 4-digit rules would cut: capitals of small republics beginning with the zone and
# «2», and district codes inside a city's 4-digit code (35139 Копейск beside 3513 Миасс).
FIVE_DIGIT_CODES = frozenset({"38822", "39422", "84722", "87922", "35139"})
NON_GEOGRAPHIC = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.TOLL_FREE, PhoneNumberType.PREMIUM_RATE,
                            PhoneNumberType.SHARED_COST, PhoneNumberType.VOIP, PhoneNumberType.PERSONAL_NUMBER,
                            PhoneNumberType.UAN, PhoneNumberType.PAGER, PhoneNumberType.VOICEMAIL})


def area_code_length(national):
    """The length of the area code of a 10-digit Russian geographic number: 3, 4 or 5 (see the module)."""
    zone, local = national[:3], national[3:]
    if zone in SEVEN_DIGIT_ZONES or local[0] in CITY_EXCHANGES.get(zone, ""):
        return 3
    if national[:5] in FIVE_DIGIT_CODES:
        return 5
    if national[:4] in FOUR_DIGIT_CODES or local.startswith("2"):
        return 4
    return 5


def _grouped(national):
    length = area_code_length(national)
    code, rest = national[:length], national[length:]
    if length == 3:
        return f"+7 {code} {rest[:3]}-{rest[3:5]}-{rest[5:]}"
    if length == 4:
        return f"+7 {code} {rest[:2]}-{rest[2:4]}-{rest[4:]}"
    return f"+7 {code} {rest[0]}-{rest[1:3]}-{rest[3:]}"


def format_phone(value):
    """'+74722334455' (or a PhoneNumber) -> '+7 4722 33-44-55'; '+78456321234' -> '+7 84563 2-12-34';
    '+74951234567' -> '+7 495 123-45-67'; '+79123456789' -> '+7 912 345-67-89'; a number of another
    country in its international format; '' for nothing; an unparsable value as it is."""
    if not value:
        return ""
    try:
        number = value if isinstance(value, phonenumbers.PhoneNumber) else phonenumbers.parse(str(value), "RU")
    except phonenumbers.NumberParseException:
        return str(value)
    national = str(number.national_number)
    if (number.country_code != 7 or len(national) != 10 or national[0] not in "348"
            or phonenumbers.number_type(number) in NON_GEOGRAPHIC):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return _grouped(national)
