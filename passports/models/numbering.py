from portal.numbering import YearlySequence


class PassportNumber(YearlySequence):
    """Passport numbers: П-2026-00001."""

    number_format = "П-{year}-{number:05d}"
