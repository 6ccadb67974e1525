from django.db import migrations

from portal.migration_steps import grant_to_group

FRONT_OFFICE = "Front office"


def grant(apps, schema_editor):
    grant_to_group(apps, FRONT_OFFICE, {"frontoffice": ["view_service", "view_intake", "add_intake"]})


class Migration(migrations.Migration):
    dependencies = [("frontoffice", "0001_initial"), ("accounts", "0002_staff_groups_and_consent")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
