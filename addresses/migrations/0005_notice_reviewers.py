"""Municipal reviewers confirm or reject served-address notices and see the served lists."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REVIEWER_PERMISSIONS = ["view_notice", "change_notice", "view_noticeevent", "view_noticeaddress",
                        "view_servedaddress", "view_address"]


def grant(apps, schema_editor):
    # Permissions of new models are normally made after the whole migrate run; make them now.
    for app_config in apps.get_app_configs():
        previous = getattr(app_config, "models_module", None)
        app_config.models_module = previous or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = previous
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Municipal reviewers")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="addresses",
                                                     codename__in=REVIEWER_PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("addresses", "0004_notices"),
        ("accounts", "0002_staff_groups_and_consent"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
