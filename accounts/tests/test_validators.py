import pytest
from django.core.exceptions import ValidationError

from accounts import sample_numbers, validators

# Real, published numbers: Sberbank's INN and OGRN, the usual SNILS example, a known person's INN.
REAL_VALID = [
    (validators.validate_inn_legal, "7707083893"),
    (validators.validate_inn_person, "500100732259"),
    (validators.validate_ogrn, "1027700132195"),
    (validators.validate_ogrnip, "304500116000157"),
    (validators.validate_snils, "112-233-445 95"),
    (validators.validate_kpp, "773601001"),
]


@pytest.mark.parametrize("validate,value", REAL_VALID)
def test_it_accepts_real_numbers(validate, value):
    validate(value)


@pytest.mark.parametrize("validate,value", REAL_VALID[:5])
def test_it_rejects_every_changed_last_digit(validate, value):
    digits = validators.digits_only(value)
    for wrong in "0123456789":
        if wrong == digits[-1]:
            continue
        with pytest.raises(ValidationError):
            validate(digits[:-1] + wrong)


@pytest.mark.parametrize("validate,value,code", [
    (validators.validate_inn_legal, "77070838", "inn_length"),
    (validators.validate_inn_legal, "770708389A", "inn_length"),
    (validators.validate_inn_person, "7707083893", "inn_length"),
    (validators.validate_ogrn, "102770013219", "ogrn_length"),
    (validators.validate_ogrnip, "1027700132195", "ogrnip_length"),
    (validators.validate_snils, "1122334459", "snils_length"),
    (validators.validate_kpp, "77360100", "kpp_format"),
    (validators.validate_passport_series, "14a4", "passport_series"),
    (validators.validate_passport_number, "12345", "passport_number"),
])
def test_it_explains_malformed_numbers_in_russian(validate, value, code):
    with pytest.raises(ValidationError) as caught:
        validate(value)
    assert caught.value.code == code
    assert any("а" <= ch <= "я" for ch in str(caught.value.messages[0]).lower())


def test_the_inn_of_a_person_needs_both_check_digits():
    inn = validators.digits_only("500100732259")
    assert not validators.inn_is_valid(inn[:10] + str((int(inn[10]) + 1) % 10) + inn[11])


def test_sample_numbers_are_valid():
    assert validators.inn_is_valid(sample_numbers.inn_legal("312300012"))
    assert validators.inn_is_valid(sample_numbers.inn_person("3123000123"))
    assert validators.ogrn_is_valid(sample_numbers.ogrn("103310000012"))
    assert validators.ogrnip_is_valid(sample_numbers.ogrnip("31931230000012"))
    assert validators.snils_is_valid(sample_numbers.snils("123456789"))


def test_small_snils_numbers_carry_no_check():
    assert validators.snils_is_valid("00100199800")
