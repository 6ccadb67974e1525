"""Municipal reviewers accept or return house passports."""

from django.db import migrations

from portal.migration_steps import grant_to_group

REVIEWER_PERMISSIONS = ["view_passport", "change_passport", "view_passportevent", "view_engineeringsystem"]


def grant(apps, schema_editor):
    grant_to_group(apps, "Municipal reviewers", {"passports": REVIEWER_PERMISSIONS})


class Migration(migrations.Migration):
    dependencies = [
        ("passports", "0001_initial"),
        ("accounts", "0002_staff_groups_and_consent"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
