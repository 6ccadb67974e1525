"""Municipal reviewers confirm or reject served-address notices and see the served lists."""

from django.db import migrations

from portal.migration_steps import grant_to_group

REVIEWER_PERMISSIONS = ["view_notice", "change_notice", "view_noticeevent", "view_noticeaddress",
                        "view_servedaddress", "view_address"]


def grant(apps, schema_editor):
    grant_to_group(apps, "Municipal reviewers", {"addresses": REVIEWER_PERMISSIONS})


class Migration(migrations.Migration):
    dependencies = [
        ("addresses", "0004_notices"),
        ("accounts", "0002_staff_groups_and_consent"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
