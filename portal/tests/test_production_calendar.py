"""The production calendar: the decree years against the `holidays` package, the Labour Code's
holidays for a year without a decree, the import of a year from a file and the staff warning."""

import datetime

import holidays
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from portal.models import CalendarDay, CalendarYear
from portal.production_calendar import (
    CalendarFileError,
    calendar_year_load,
    missing_next_year,
    parse_calendar_file,
    statutory_days_off,
)
from portal.workdays import add_working_days, is_working_day, working_days_between

pytestmark = pytest.mark.django_db

D = datetime.date


def _days_of(year):
    day = D(year, 1, 1)
    while day.year == year:
        yield day
        day += datetime.timedelta(days=1)


def test_every_day_of_every_loaded_year_agrees_with_the_holidays_package():
    years = sorted(CalendarYear.objects.values_list("year", flat=True))
    assert {2026, 2027} <= set(years)
    for year in years:
        oracle = holidays.country_holidays("RU", years=year)
        disagree = [day for day in _days_of(year) if is_working_day(day) != oracle.is_working_day(day)]
        assert disagree == [], f"{year}: {disagree}"


def test_the_2027_decree_moves_days_off_to_february_november_and_december():
    assert is_working_day(D(2027, 2, 20))          # a working Saturday
    for day_off in (D(2027, 2, 22), D(2027, 11, 5), D(2027, 12, 31)):
        assert not is_working_day(day_off)


def test_a_year_without_rows_keeps_the_labour_code_holidays():
    # The example: 20 working days from Friday 10.12.2027 may not land on 7 January 2028.
    assert not CalendarYear.objects.filter(year=2028).exists()
    assert add_working_days(D(2027, 12, 10), 20) == D(2028, 1, 17)
    assert not is_working_day(D(2028, 1, 7))
    assert not is_working_day(D(2028, 2, 23)) and not is_working_day(D(2028, 11, 6))  # Nov 4, 2028 is a Saturday


@pytest.mark.parametrize("year", range(2028, 2041))
def test_the_labour_code_days_off_match_the_package_plus_the_carry_over(year):
    """Art. 112: every holiday is a day off; a holiday (not January's) on a weekend gives the next weekday."""
    oracle = holidays.country_holidays("RU", years=year)
    weekday_holidays = {day for day in oracle if day.weekday() < 5}
    ours = set(statutory_days_off(year))
    assert weekday_holidays <= ours
    for carried in ours - weekday_holidays:
        before = carried - datetime.timedelta(days=1)
        while before.weekday() >= 5 or before in weekday_holidays:
            if before in oracle and before.month > 1:
                break
            before -= datetime.timedelta(days=1)
        assert before in oracle and before.month > 1 and before.weekday() >= 5, carried
    assert not any(is_working_day(day) for day in ours)
    # January 1 (not counted as the start) is a day off anyway.
    assert working_days_between(D(year, 1, 1), D(year, 12, 31)) == sum(
        1 for day in _days_of(year) if day.weekday() < 5 and day not in ours)


def test_rows_of_a_year_without_a_decree_still_override_the_code():
    CalendarDay.objects.create(date=D(2030, 2, 25), is_working=True, note="исправлено вручную")
    assert is_working_day(D(2030, 2, 25))
    assert not is_working_day(D(2030, 3, 8))


CSV_2028 = """дата;вид;примечание
01.01.2028;выходной;Новогодние каникулы
03.01.2028;выходной;
04.01.2028;выходной;
05.01.2028;выходной;
06.01.2028;выходной;
07.01.2028;выходной;Рождество
2028-02-23;выходной;
08.03.2028;выходной;
01.05.2028;выходной;
09.05.2028;выходной;
12.06.2028;выходной;
06.11.2028;выходной;Перенос с 4 ноября
05.02.2028;рабочий;рабочая суббота
"""


def test_a_year_loads_from_a_csv_file_and_replaces_the_code():
    days = parse_calendar_file(2028, CSV_2028.encode())
    assert days[D(2028, 2, 5)] == (True, "рабочая суббота")
    assert D(2028, 1, 1) not in days   # a Saturday: no need to say it is a day off
    calendar_year_load(year=2028, days=days, source="2028.csv")
    assert CalendarYear.objects.filter(year=2028).exists()
    assert is_working_day(D(2028, 2, 5))
    assert not is_working_day(D(2028, 11, 6))


XML_2029 = """<?xml version="1.0" encoding="UTF-8"?>
<calendar year="2029" lang="ru"><days>
<day d="01.01" t="1"/><day d="01.02" t="1"/><day d="01.03" t="1"/><day d="01.04" t="1"/><day d="01.05" t="1"/>
<day d="01.08" t="1"/><day d="02.23" t="1"/><day d="03.08" t="1"/><day d="05.01" t="1"/><day d="05.09" t="1"/>
<day d="06.12" t="1"/><day d="11.05" t="1"/><day d="04.28" t="3"/><day d="12.29" t="3"/><day d="12.28" t="2"/>
</days></calendar>"""


def test_a_year_loads_from_the_xml_calendar():
    days = parse_calendar_file(2029, XML_2029.encode())
    assert days[D(2029, 4, 28)] == (True, "")          # t=3: a working Saturday
    assert D(2029, 12, 28) not in days                   # t=2: a shortened working Friday
    assert days[D(2029, 11, 5)] == (False, "")


@pytest.mark.parametrize(("year", "content", "message"), [
    (2028, "01.01.2029;выходной", "не в 2028"),
    (2028, "01.01.2028;может быть", "ни «выходной», ни «рабочий»"),
    (2028, "32.01.2028;выходной", "не дата"),
    (2028, "10.01.2028;рабочий", "нет выходных"),
    (2028, "03.01.2028;выходной\n23.02.2028;рабочий", "04.01.2028 — нерабочий праздничный день"),
    (2028, XML_2029, "календарь 2029"),
    (2028, "<calendar", "XML"),
])
def test_a_wrong_calendar_file_is_refused_with_a_russian_message(year, content, message):
    with pytest.raises(CalendarFileError, match=message):
        parse_calendar_file(year, content.encode())


def test_the_admin_loads_a_year_from_a_file(admin_client):
    url = reverse("admin:portal_calendarday_import")
    assert "Загрузить год из файла" in admin_client.get(reverse("admin:portal_calendarday_changelist")).content.decode()
    bad = admin_client.post(url, {"year": 2028, "file": SimpleUploadedFile("c.csv", b"01.01.2028;foo")})
    assert bad.status_code == 200 and "ни «выходной», ни «рабочий»" in bad.content.decode()
    response = admin_client.post(url, {"year": 2028, "file": SimpleUploadedFile("c.csv", CSV_2028.encode())})
    assert response.status_code == 302
    assert CalendarYear.objects.get(year=2028).source == "c.csv"
    assert CalendarDay.objects.filter(date__year=2028).count() == 12


def test_a_staff_member_without_calendar_rights_cannot_import(client, staff):
    client.force_login(staff)
    assert client.get(reverse("admin:portal_calendarday_import")).status_code in (302, 403)


def test_the_warning_starts_on_the_first_of_october_until_next_year_is_loaded():
    assert missing_next_year(D(2027, 9, 30)) is None
    assert missing_next_year(D(2027, 10, 1)) == 2028
    assert missing_next_year(D(2026, 12, 31)) is None   # 2027 is loaded
    CalendarYear.objects.create(year=2028)
    assert missing_next_year(D(2027, 10, 1)) is None


def test_staff_see_the_calendar_warning_on_the_dashboard(client, staff, monkeypatch):
    staff.user_permissions.add(Permission.objects.get(codename="add_calendarday"))
    client.force_login(staff)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: D(2027, 10, 1))
    page = client.get(reverse("staff_dashboard")).content.decode()
    assert "Производственный календарь на 2028 год не загружен" in page
    assert reverse("admin:portal_calendarday_import") in page
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: D(2027, 9, 30))
    assert "не загружен" not in client.get(reverse("staff_dashboard")).content.decode()


def test_a_calendar_day_without_a_note_reads_as_its_kind():
    assert str(CalendarDay(date=D(2028, 2, 5), is_working=True)) == "05.02.2028 — рабочий день"
    assert str(CalendarDay(date=D(2028, 2, 7), is_working=False)) == "07.02.2028 — выходной"
