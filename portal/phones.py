"""Russian phone numbers written the way Russians read them: by the real length of the area code.

phonenumbers writes every Russian number with a 3-digit code («+7 472 233-44-55»), but a regional
centre's code has 4 digits and its numbers 6 («+7 4722 33-44-55», Belgorod). Source: the Russian
numbering plan (Rossvyaz), where the code and the subscriber number make 10 digits: 7-digit numbers
belong to the 3-digit codes below (Moscow, St Petersburg, the largest cities), mobile (9xx) and
toll-free (800) ones; elsewhere the code has 4 digits (a district's 5-digit codes read 4+6 too)."""

import phonenumbers

THREE_DIGIT_CODES = frozenset({
    "495", "496", "498", "499", "800", "812", "813", "342", "343", "347", "351", "381", "383", "391",
    "473", "831", "843", "844", "845", "846", "848", "861", "862", "863", "423", "401",
})


def format_phone(value):
    """'+74722334455' (or a PhoneNumber) -> '+7 4722 33-44-55'; '+79123456789' -> '+7 912 345-67-89';
    a number of another country in its international format; '' for nothing; an unparsable value as is."""
    if not value:
        return ""
    try:
        number = value if isinstance(value, phonenumbers.PhoneNumber) else phonenumbers.parse(str(value), "RU")
    except phonenumbers.NumberParseException:
        return str(value)
    national = str(number.national_number)
    if number.country_code != 7 or len(national) != 10:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    if national[0] == "9" or national[:3] in THREE_DIGIT_CODES:
        code, rest = national[:3], national[3:]
        return f"+7 {code} {rest[:3]}-{rest[3:5]}-{rest[5:]}"
    code, rest = national[:4], national[4:]
    return f"+7 {code} {rest[:2]}-{rest[2:4]}-{rest[4:]}"
