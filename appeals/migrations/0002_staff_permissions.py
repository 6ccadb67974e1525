"""Utility staff answer appeals: they may view and change appeals, see their files and history, add
internal notes, and keep the topics and reply templates. A few common topics are created so the
form works on a fresh install; staff edit them in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

UTILITY_STAFF_PERMISSIONS = {
    "appeals": ["view_appeal", "change_appeal", "view_appealfile", "view_appealevent", "view_appealnote",
                "add_appealnote", "view_topic", "add_topic", "change_topic", "view_replytemplate",
                "add_replytemplate", "change_replytemplate", "delete_replytemplate"],
}

DEFAULT_TOPICS = [
    "Технологическое присоединение (подключение)",
    "Технические условия",
    "Договор о подключении",
    "Качество и объём услуг",
    "Прочие вопросы",
]


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


def create_topics(apps, schema_editor):
    Topic = apps.get_model("appeals", "Topic")
    if Topic.objects.exists():
        return
    Topic.objects.bulk_create([Topic(name=name, order=order) for order, name in enumerate(DEFAULT_TOPICS)])


class Migration(migrations.Migration):
    dependencies = [
        ("appeals", "0001_initial"),
        ("accounts", "0002_staff_groups_and_consent"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [
        migrations.RunPython(grant, migrations.RunPython.noop),
        migrations.RunPython(create_topics, migrations.RunPython.noop),
    ]
