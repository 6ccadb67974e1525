"""PostgreSQL only: pg_trgm and a GIN trigram index on Address.search_text, which serve both the
LIKE filters and the word-similarity operator of Address.objects.search. SQLite needs neither."""

from django.db import migrations

INDEX = "addresses_address_search_trgm"


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON addresses_address USING gin (search_text gin_trgm_ops)")


def drop_trigram_index(apps, schema_editor):
    # The extension stays: other apps may use it, and dropping it needs more rights than creating.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("addresses", "0001_initial")]

    operations = [migrations.RunPython(create_trigram_index, drop_trigram_index, elidable=False)]
