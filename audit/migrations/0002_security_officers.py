"""The security officer's role: the group "Security officers" may search the audit (audit.views)."""

from django.db import migrations

from portal.migration_steps import grant_to_group

SECURITY_OFFICERS = "Security officers"


def grant(apps, schema_editor):
    grant_to_group(apps, SECURITY_OFFICERS, {"audit": ["view_audit"]})


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("accounts", "0002_staff_groups_and_consent"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
