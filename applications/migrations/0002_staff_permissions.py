"""Utility staff process applications in the admin: they may view and change applications and see
their documents, history and signatures, and keep deadline rules, branches and the calendar."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

UTILITY_STAFF_PERMISSIONS = {
    "applications": ["view_application", "change_application", "view_applicationdocument",
                     "view_applicationevent", "view_applicationsignature", "view_deadlinerule",
                     "change_deadlinerule", "add_deadlinerule"],
    "portal": ["view_branch", "view_calendarday", "change_calendarday", "add_calendarday",
               "view_normativedocument", "add_normativedocument", "change_normativedocument",
               "delete_normativedocument"],
}


def grant(apps, schema_editor):
    # Permissions of new models are normally made after the whole migrate run; make them now.
    # (Historical app configs have no models_module, which create_permissions requires.)
    for app_config in apps.get_app_configs():
        previous = getattr(app_config, "models_module", None)
        app_config.models_module = previous or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = previous
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Utility staff")
    for app_label, codenames in UTILITY_STAFF_PERMISSIONS.items():
        group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
        ("portal", "0002_production_calendar_2026"),
        ("accounts", "0002_staff_groups_and_consent"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
