import datetime

import pytest

from portal.models import CalendarDay
from portal.workdays import add_working_days, is_working_day, working_days_between

pytestmark = pytest.mark.django_db

D = datetime.date


def test_the_2026_production_calendar_is_loaded():
    assert not is_working_day(D(2026, 1, 9))   # transferred from Saturday 3 January
    assert not is_working_day(D(2026, 3, 9))   # 8 March fell on a Sunday
    assert not is_working_day(D(2026, 12, 31))  # transferred from Sunday 4 January
    assert is_working_day(D(2026, 11, 23))
    assert not is_working_day(D(2026, 11, 22))  # a Sunday


def test_working_days_skip_weekends_and_holidays():
    assert add_working_days(D(2026, 11, 20), 1) == D(2026, 11, 23)   # Friday -> Monday
    assert add_working_days(D(2026, 11, 3), 1) == D(2026, 11, 5)     # 4 November is a holiday
    assert add_working_days(D(2026, 12, 30), 1) == D(2027, 1, 11)    # Dec 31, 2026 and Jan 1–10, 2027 are off


def test_a_working_saturday_counts():
    CalendarDay.objects.create(date=D(2026, 11, 28), is_working=True, note="рабочая суббота")
    assert add_working_days(D(2026, 11, 27), 1) == D(2026, 11, 28)


def test_working_days_between_counts_the_end_and_not_the_start():
    assert working_days_between(D(2026, 11, 20), D(2026, 11, 27)) == 5
    assert working_days_between(D(2026, 11, 27), D(2026, 11, 20)) == 0
    assert working_days_between(D(2026, 11, 3), D(2026, 11, 5)) == 1


def test_zero_days_is_the_same_day():
    assert add_working_days(D(2026, 11, 22), 0) == D(2026, 11, 22)


def test_a_deadline_across_the_new_year_skips_the_2027_january_holidays():
    # Fri 25.12.2026 + 5: Dec 28, 29, 30 (Dec 31 is a transferred day off), then Jan 11 and 12, 2027.
    assert add_working_days(datetime.date(2026, 12, 25), 5) == datetime.date(2027, 1, 12)


def test_2027_holidays_on_a_weekend_move_to_the_next_monday():
    for saturday_or_sunday, monday in ((datetime.date(2027, 5, 1), datetime.date(2027, 5, 3)),
                                       (datetime.date(2027, 5, 9), datetime.date(2027, 5, 10)),
                                       (datetime.date(2027, 6, 12), datetime.date(2027, 6, 14))):
        assert saturday_or_sunday.weekday() >= 5
        assert not is_working_day(monday)
