"""The 2027 production calendar as the Government's decree on the transfer of days off in 2027 sets it
(checked day by day against the `holidays` package in portal/tests/test_production_calendar.py):
Saturday 20 February is a working day and Monday 22 February a day off; the days off of Saturday
2 January and Sunday 3 January go to Friday 5 November and Friday 31 December. Migration 0003 had
only the Labour Code's days; with these four rows the year is complete and marked loaded."""

import datetime

from django.db import migrations

DECREE_2027 = [
    (datetime.date(2027, 2, 20), True, "Рабочая суббота (перенос на 22 февраля)"),
    (datetime.date(2027, 2, 22), False, "Перенос выходного дня с 20 февраля"),
    (datetime.date(2027, 11, 5), False, "Перенос выходного дня со 2 января"),
    (datetime.date(2027, 12, 31), False, "Перенос выходного дня с 3 января"),
]
SOURCE = "Постановление Правительства РФ о переносе выходных дней в 2027 году"


def load(apps, schema_editor):
    CalendarDay = apps.get_model("portal", "CalendarDay")
    for date, is_working, note in DECREE_2027:
        CalendarDay.objects.update_or_create(date=date, defaults={"is_working": is_working, "note": note})
    apps.get_model("portal", "CalendarYear").objects.update_or_create(year=2027, defaults={"source": SOURCE})


def unload(apps, schema_editor):
    apps.get_model("portal", "CalendarDay").objects.filter(date__in=[date for date, *_rest in DECREE_2027]).delete()
    apps.get_model("portal", "CalendarYear").objects.filter(year=2027).delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_calendar_year")]
    operations = [migrations.RunPython(load, unload)]
