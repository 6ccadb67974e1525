"""The Russian production calendar for 2026 (Government decree on the transfer of days off in 2026):
holidays Jan 1–8, Feb 23, Mar 8 (→ Mon Mar 9), May 1, May 9 (→ Mon May 11), Jun 12, Nov 4;
the days off of Sat Jan 3 and Sun Jan 4 are transferred to Fri Jan 9 and Thu Dec 31."""

import datetime

from django.db import migrations

DAYS_OFF_2026 = [
    *[(datetime.date(2026, 1, day), "Новогодние каникулы") for day in range(1, 7)],
    (datetime.date(2026, 1, 7), "Рождество Христово"),
    (datetime.date(2026, 1, 8), "Новогодние каникулы"),
    (datetime.date(2026, 1, 9), "Перенос выходного дня с 3 января"),
    (datetime.date(2026, 2, 23), "День защитника Отечества"),
    (datetime.date(2026, 3, 9), "Перенос праздника 8 марта"),
    (datetime.date(2026, 5, 1), "Праздник Весны и Труда"),
    (datetime.date(2026, 5, 11), "Перенос праздника 9 мая"),
    (datetime.date(2026, 6, 12), "День России"),
    (datetime.date(2026, 11, 4), "День народного единства"),
    (datetime.date(2026, 12, 31), "Перенос выходного дня с 4 января"),
]


def load(apps, schema_editor):
    CalendarDay = apps.get_model("portal", "CalendarDay")
    for date, note in DAYS_OFF_2026:
        CalendarDay.objects.update_or_create(date=date, defaults={"is_working": False, "note": note})


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
