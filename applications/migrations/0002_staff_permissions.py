"""Utility staff process applications in the admin: they may view and change applications and see
their documents, history and signatures, and keep deadline rules, branches and the calendar."""

from django.db import migrations

from portal.migration_steps import grant_to_group

UTILITY_STAFF_PERMISSIONS = {
    "applications": ["view_application", "change_application", "view_applicationdocument",
                     "view_applicationevent", "view_applicationsignature", "view_deadlinerule",
                     "change_deadlinerule", "add_deadlinerule"],
    "portal": ["view_branch", "view_calendarday", "change_calendarday", "add_calendarday",
               "view_normativedocument", "add_normativedocument", "change_normativedocument",
               "delete_normativedocument"],
}


def grant(apps, schema_editor):
    grant_to_group(apps, "Utility staff", UTILITY_STAFF_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
        ("portal", "0002_production_calendar_2026"),
        ("accounts", "0002_staff_groups_and_consent"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
