"""Municipal reviewers activate information systems and grant the «Оператор ИС» function (seed 002)."""

from django.db import migrations

from portal.migration_steps import grant_to_group

REVIEWER_PERMISSIONS = ["view_informationsystem", "change_informationsystem", "view_systemevent",
                        "view_systemcertificate", "view_systemoperator", "add_systemoperator", "view_delegation"]


def grant(apps, schema_editor):
    grant_to_group(apps, "Municipal reviewers", {"integrations": REVIEWER_PERMISSIONS})


class Migration(migrations.Migration):
    dependencies = [
        ("integrations", "0001_initial"),
        ("accounts", "0002_staff_groups_and_consent"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
