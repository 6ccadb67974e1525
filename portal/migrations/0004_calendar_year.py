"""Loaded calendar years: a year without one is counted by the Labour Code's art. 112 alone.
2026 is loaded from the Government's decree (migration 0002); 2027 is marked by 0005 with its decree."""

import django.utils.timezone
from django.db import migrations, models


def mark_2026_loaded(apps, schema_editor):
    CalendarYear = apps.get_model("portal", "CalendarYear")
    CalendarYear.objects.get_or_create(year=2026, defaults={
        "source": "Постановление Правительства РФ о переносе выходных дней в 2026 году"})


def unmark_2026(apps, schema_editor):
    apps.get_model("portal", "CalendarYear").objects.filter(year=2026).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0003_production_calendar_2027'),
    ]

    operations = [
        migrations.CreateModel(
            name='CalendarYear',
            fields=[
                ('year', models.PositiveSmallIntegerField(primary_key=True, serialize=False, verbose_name='year')),
                ('source', models.CharField(blank=True, max_length=300, verbose_name='source')),
                ('loaded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='loaded at')),
            ],
            options={
                'verbose_name': 'loaded calendar year',
                'verbose_name_plural': 'loaded calendar years',
                'ordering': ['-year'],
            },
        ),
        migrations.RunPython(mark_2026_loaded, unmark_2026),
    ]
