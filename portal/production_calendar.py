"""The Russian production calendar: the Labour Code's fixed holidays for a year whose decree is not
loaded, the import of a year from a file, and the staff warning when next year's calendar is missing.

Source: Labour Code of the Russian Federation, art. 112 (non-working holidays; a holiday falling on a
day off moves to the next working day, except the January ones, whose transfer the Government sets by
its yearly decree). A year's decree is loaded as CalendarDay rows plus a CalendarYear row."""

import csv
import datetime
import functools
import io
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import CalendarDay, CalendarYear

NEW_YEAR_HOLIDAYS = "Новогодние каникулы"
CHRISTMAS = "Рождество Христово"
# Art. 112 part 1, in calendar order; the January ones are never carried over by the Code itself.
MOVABLE_HOLIDAYS = (
    ((2, 23), "День защитника Отечества"),
    ((3, 8), "Международный женский день"),
    ((5, 1), "Праздник Весны и Труда"),
    ((5, 9), "День Победы"),
    ((6, 12), "День России"),
    ((11, 4), "День народного единства"),
)
# Staff are warned from this day (month, day) until next year's calendar is loaded.
WARN_FROM = (10, 1)
MAX_FILE_BYTES = 1024 * 1024


class CalendarFileError(ValueError):
    """A calendar file that cannot be loaded; the message is a Russian sentence for the admin."""


def statutory_holidays(year):
    """{date: name} of the non-working holidays of art. 112 part 1 in `year` (on any day of the week)."""
    days = {datetime.date(year, 1, day): NEW_YEAR_HOLIDAYS for day in range(1, 9)}
    days[datetime.date(year, 1, 7)] = CHRISTMAS
    days.update({datetime.date(year, month, day): name for (month, day), name in MOVABLE_HOLIDAYS})
    return days


@functools.lru_cache(maxsize=64)
def statutory_days_off(year):
    """{date: note} of the weekdays that art. 112 makes days off in `year` when no decree is loaded:
    the holidays, and for a holiday (other than January's) on a Saturday or Sunday the next working day."""
    days = statutory_holidays(year)
    for (month, day), _name in MOVABLE_HOLIDAYS:
        holiday = datetime.date(year, month, day)
        if holiday.weekday() >= 5:
            moved = holiday + datetime.timedelta(days=1)
            while moved.weekday() >= 5 or moved in days:
                moved += datetime.timedelta(days=1)
            days[moved] = f"Перенос праздника {day:02d}.{month:02d} (ст. 112 ТК РФ)"
    return {date: note for date, note in days.items() if date.weekday() < 5}


def loaded_years(first, last):
    return set(CalendarYear.objects.filter(year__range=(first, last)).values_list("year", flat=True))


def missing_next_year(today=None):
    """Next year when, from 1 October on, its calendar is not loaded yet; otherwise None."""
    today = today or timezone.localdate()
    if (today.month, today.day) < WARN_FROM:
        return None
    year = today.year + 1
    return None if CalendarYear.objects.filter(year=year).exists() else year


# --- import from a file -------------------------------------------------------------------------

_DAY_OFF_WORDS = {"0", "выходной", "нерабочий", "праздник", "праздничный", "off", "holiday"}
_WORKING_WORDS = {"1", "рабочий", "сокращённый", "сокращенный", "working"}


def parse_calendar_file(year, data):
    """{date: (is_working, note)} from the bytes of a calendar file for `year`: either a CSV (UTF-8,
    «,» or «;») with rows `date;kind;note` (date as ДД.ММ.ГГГГ or ГГГГ-ММ-ДД, kind «выходной» or
    «рабочий», note optional), or the XML of the production calendar as published for download
    (`<calendar year="2027"><days><day d="01.01" t="1"/>…`, t=1 a day off, t=2 a shortened
    working day, t=3 a working day). Only the days that differ from Monday–Friday are kept.
    Raises CalendarFileError."""
    if len(data) > MAX_FILE_BYTES:
        raise CalendarFileError(_("The file is larger than 1 MB: this is not a production calendar."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CalendarFileError(_("The file is not in UTF-8.")) from error
    days = _parse_xml(year, text) if text.lstrip().startswith("<") else _parse_csv(year, text)
    _check_year(year, days)
    return {date: value for date, value in days.items() if value[0] != (date.weekday() < 5)}


def _parse_csv(year, text):
    dialect = "excel" if text.count(",") > text.count(";") else _Semicolon
    days = {}
    for number, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells) or cells[0].lower() in {"date", "дата"}:
            continue
        if len(cells) < 2:
            raise CalendarFileError(_("Line %(line)d: expected a date and a kind of day.") % {"line": number})
        date = _parse_date(cells[0], number)
        days[date] = (_parse_kind(cells[1], number), cells[2] if len(cells) > 2 else "")
    return days


class _Semicolon(csv.excel):
    delimiter = ";"


def _parse_date(value, line):
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    message = _("Line %(line)d: «%(value)s» is not a date (ДД.ММ.ГГГГ).")
    raise CalendarFileError(message % {"line": line, "value": value})


def _parse_kind(value, line):
    word = value.lower()
    if word in _DAY_OFF_WORDS:
        return False
    if word in _WORKING_WORDS:
        return True
    message = _("Line %(line)d: the kind of day «%(value)s» is neither «выходной» nor «рабочий».")
    raise CalendarFileError(message % {"line": line, "value": value})


def _parse_xml(year, text):
    try:
        root = fromstring(text)
    except (ParseError, DefusedXmlException) as error:
        raise CalendarFileError(_("The XML file cannot be read: %(error)s.") % {"error": error}) from error
    if root.get("year") and root.get("year") != str(year):
        raise CalendarFileError(_("The file is the calendar of %(found)s, not of %(year)d.") % {
            "found": root.get("year"), "year": year})
    days = {}
    for number, day in enumerate(root.iter("day"), start=1):
        try:
            month_day = datetime.datetime.strptime(f"{day.get('d')}.{year}", "%m.%d.%Y").date()
        except ValueError as error:
            raise CalendarFileError(_("Day %(line)d: «%(value)s» is not a date (ММ.ДД).") % {
                "line": number, "value": day.get("d")}) from error
        if day.get("t") not in {"1", "2", "3"}:
            raise CalendarFileError(_("Day %(line)d: unknown kind of day «%(value)s».") % {
                "line": number, "value": day.get("t")})
        days[month_day] = (day.get("t") != "1", "")
    return days


def _check_year(year, days):
    foreign = sorted(date for date in days if date.year != year)
    if foreign:
        raise CalendarFileError(_("The date %(date)s is not in %(year)d.") % {
            "date": foreign[0].strftime("%d.%m.%Y"), "year": year})
    if not any(not is_working for is_working, _note in days.values()):
        raise CalendarFileError(_("The file has no days off: this is not a production calendar."))
    missing = [date for date in statutory_holidays(year) if date.weekday() < 5 and days.get(date, (True,))[0]]
    if missing:
        raise CalendarFileError(_("%(date)s is a holiday by art. 112 of the Labour Code but the file makes it a "
                                  "working day.") % {"date": missing[0].strftime("%d.%m.%Y")})


def calendar_year_load(*, year, days, source):
    """Replace the rows of `year` by `days` ({date: (is_working, note)}) and mark the year loaded,
    in one transaction. Returns the number of rows written."""
    with transaction.atomic():
        CalendarDay.objects.filter(date__year=year).delete()
        CalendarDay.objects.bulk_create(
            CalendarDay(date=date, is_working=is_working, note=note[:200])
            for date, (is_working, note) in sorted(days.items()))
        CalendarYear.objects.update_or_create(year=year, defaults={"source": source[:300], "loaded_at": timezone.now()})
    return len(days)
