"""Registration numbers with correct check digits, for demo data and tests."""

from accounts.validators import INN10_WEIGHTS, INN12_WEIGHTS_11, INN12_WEIGHTS_12, _weighted_check


def inn_legal(first9="770708389"):
    return first9 + str(_weighted_check(first9, INN10_WEIGHTS))


def inn_person(first10="5001234567"):
    with11 = first10 + str(_weighted_check(first10, INN12_WEIGHTS_11))
    return with11 + str(_weighted_check(with11, INN12_WEIGHTS_12))


def ogrn(first12="102770013219"):
    return first12 + str(int(first12) % 11 % 10)


def ogrnip(first14="30450011670002"):
    return first14 + str(int(first14) % 13 % 10)


def snils(first9="112233445"):
    total = sum(int(d) * (9 - i) for i, d in enumerate(first9))
    if total > 101:
        total %= 101
    return first9 + f"{0 if total in (100, 101) else total:02d}"
