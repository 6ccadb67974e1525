"""The Russian production calendar for 2027 as the Labour Code fixes it (art. 112): holidays Jan 1–8,
Feb 23, Mar 8, May 1, May 9, Jun 12, Nov 4; a holiday on a weekend moves to the next working day (May 1 →
Mon May 3, May 9 → Mon May 10, Jun 12 → Mon Jun 14), except the January ones.

Where the two January days off that fall on a weekend (Sat Jan 2, Sun Jan 3) go is set by the
Government's yearly decree, not by the Code; it was not published when this was written, so those
transfers (and any working Saturday they bring) are left out. Add them in the admin (Production
calendar) when the decree appears: without them, deadlines in the affected weeks end one or two
working days early, never late."""

import datetime

from django.db import migrations

DAYS_OFF_2027 = [
    *[(datetime.date(2027, 1, day), "Новогодние каникулы") for day in (1, 4, 5, 6)],
    (datetime.date(2027, 1, 7), "Рождество Христово"),
    (datetime.date(2027, 1, 8), "Новогодние каникулы"),
    (datetime.date(2027, 2, 23), "День защитника Отечества"),
    (datetime.date(2027, 3, 8), "Международный женский день"),
    (datetime.date(2027, 5, 3), "Перенос праздника 1 мая (ст. 112 ТК РФ)"),
    (datetime.date(2027, 5, 10), "Перенос праздника 9 мая (ст. 112 ТК РФ)"),
    (datetime.date(2027, 6, 14), "Перенос праздника 12 июня (ст. 112 ТК РФ)"),
    (datetime.date(2027, 11, 4), "День народного единства"),
]


def load(apps, schema_editor):
    CalendarDay = apps.get_model("portal", "CalendarDay")
    for date, note in DAYS_OFF_2027:
        # get_or_create: a day already corrected in the admin (e.g. from the decree) stays as it is.
        CalendarDay.objects.get_or_create(date=date, defaults={"is_working": False, "note": note})


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_production_calendar_2026")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
