"""Russian working days: Monday to Friday, corrected by the production calendar kept in CalendarDay.
A year whose decree is not loaded (no CalendarYear row) still has the Labour Code's holidays (art. 112,
portal.production_calendar); its CalendarDay rows, if any, override them."""

import datetime

from portal.models import CalendarDay
from portal.production_calendar import loaded_years, statutory_days_off

# A bound on how far a deadline may reach, so a calendar with gaps cannot loop for ever.
MAX_SPAN_DAYS = 3 * 366


def _exceptions(start, end):
    """{date: is_working} of the days in [start, end] that differ from Monday–Friday (two queries)."""
    loaded = loaded_years(start.year, end.year)
    days = {}
    for year in range(start.year, end.year + 1):
        if year not in loaded:
            days.update(dict.fromkeys(statutory_days_off(year), False))
    days.update(CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "is_working"))
    return days


def _is_working(day, exceptions):
    if day in exceptions:
        return exceptions[day]
    return day.weekday() < 5


def is_working_day(day):
    return _is_working(day, _exceptions(day, day))


def add_working_days(start, count):
    """The date `count` working days after `start` (start itself not counted), in two queries."""
    if count <= 0:
        return start
    exceptions = _exceptions(start, start + datetime.timedelta(days=MAX_SPAN_DAYS))
    day, left = start, count
    while left:
        day += datetime.timedelta(days=1)
        if _is_working(day, exceptions):
            left -= 1
        if (day - start).days > MAX_SPAN_DAYS:
            raise ValueError("deadline beyond the calendar span")
    return day


def working_days_between(start, end):
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    if end <= start:
        return 0
    exceptions = _exceptions(start, end)
    days = (end - start).days
    return sum(_is_working(start + datetime.timedelta(days=n), exceptions) for n in range(1, days + 1))
