"""Utility staff answer appeals: they may view and change appeals, see their files and history, add
internal notes, and keep the topics and reply templates. A few common topics are created so the
form works on a fresh install; staff edit them in the admin."""

from django.db import migrations

from portal.migration_steps import grant_to_group

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
    grant_to_group(apps, "Utility staff", UTILITY_STAFF_PERMISSIONS)


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
