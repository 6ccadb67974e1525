"""The check lists every problem in plain Russian and leaves the passport as it was."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from passports.tests import factories
from passports.validation import passport_problems

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 15)


def problems_of(passport, system=None, **general):
    factories.complete(passport, **general)
    if system:
        passport.systems.filter(kind=system[0]).update(**system[1])
    passport.refresh_from_db()
    return passport_problems(passport, TODAY)


@pytest.fixture
def passport(org):
    return factories.draft(org)


def test_a_complete_consistent_passport_has_no_problems(passport):
    assert problems_of(passport, reporting_date=TODAY) == []


def test_an_empty_draft_names_every_missing_field(passport):
    passport.reporting_date = None
    problems = passport_problems(passport, TODAY)
    assert "Укажите отчётную дату." in problems
    for label in ("год постройки", "количество этажей", "общая площадь, м²", "материал стен",
                  "класс энергетической эффективности"):
        assert f"Заполните поле «{label}»." in problems
    assert "Отопление: укажите, есть ли эта система в доме." in problems


@pytest.mark.parametrize("general, expected", [
    ({"living_area": Decimal("9000")}, "Жилая площадь (9000,00 м²) не может быть больше общей площади (8120,50 м²)."),
    ({"floors": 0}, "В доме должен быть хотя бы один этаж."),
    ({"entrances": 0}, "В доме должен быть хотя бы один подъезд."),
    ({"flats": 2}, "Квартир не может быть меньше, чем подъездов."),
    ({"total_area": Decimal("0"), "living_area": Decimal("0")}, "Общая площадь должна быть больше нуля."),
    ({"year_built": 1500}, "Год постройки должен быть от 1700 до 2026."),
    ({"year_built": 2030}, "Год постройки должен быть от 1700 до 2026."),
    ({"reporting_date": TODAY + datetime.timedelta(days=1)}, "Отчётная дата не может быть в будущем."),
    ({"manager_inn": "7707083890"}, "ИНН управляющей организации указан неверно: проверьте цифры."),
    ({"manager_name": " "}, "Укажите наименование управляющей организации."),
])
def test_inconsistent_general_data_is_explained(passport, general, expected):
    assert expected in problems_of(passport, **{"reporting_date": TODAY, **general})


@pytest.mark.parametrize("system, expected", [
    (("gas", {"meter_verified_on": TODAY + datetime.timedelta(days=1)}),
     "Газоснабжение: дата поверки прибора учёта не может быть в будущем."),
    (("heating", {"meter_number": ""}), "Отопление: укажите номер прибора учёта."),
    (("hot_water", {"meter_verified_on": None}), "Горячее водоснабжение: укажите дату поверки прибора учёта."),
    (("sewerage", {"state": ""}), "Водоотведение: выберите состояние."),
    (("gas", {"supply": "none"}), "Газоснабжение: система отсутствует, поэтому прибора учёта у неё быть не может."),
])
def test_system_problems_name_the_system(passport, system, expected):
    assert expected in problems_of(passport, system=system, reporting_date=TODAY)


def test_an_absent_system_needs_no_state(passport):
    problems = problems_of(passport, system=("gas", {"supply": "none", "state": "", "meter_installed": False,
                                                     "meter_number": "", "meter_verified_on": None}),
                           reporting_date=TODAY)
    assert problems == []


def test_the_real_check_uses_today(org):
    passport = factories.complete(factories.draft(org), reporting_date=timezone.localdate())
    assert passport_problems(passport, timezone.localdate()) == []
