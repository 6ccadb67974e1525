"""The table of the database cache `fallback` (portal/cache.py): one-time codes while Redis is down.

Made here rather than by `createcachetable`, so that every database has it whether or not REDIS_URL
was set when it was migrated."""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "portal_cache_fallback"


def create_table(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_production_calendar_2027")]

    operations = [migrations.RunPython(create_table, drop_table)]
