"""Issue 15 follow-up: a service's documents (required or not) and required fields instead of a text
hint; the intake's responsible executor and one-time submission key; the attachment's document kind;
files kept between a refused form and its correction; lookups moved into the audit (auditlog access rows)."""

import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def documents_from_text(apps, schema_editor):
    Service, ServiceDocument = apps.get_model("frontoffice", "Service"), apps.get_model("frontoffice", "ServiceDocument")
    for service in Service.objects.exclude(required_documents=""):
        names = list(dict.fromkeys(line.strip()[:300] for line in service.required_documents.splitlines()
                                   if line.strip()))
        ServiceDocument.objects.bulk_create([ServiceDocument(service=service, name=name, order=index)
                                             for index, name in enumerate(names)])


def executors_and_keys(apps, schema_editor):
    Intake = apps.get_model("frontoffice", "Intake")
    for intake in Intake.objects.select_related("service"):
        intake.executor_id = intake.service.executor_id
        intake.submission_key = uuid.uuid4()
        intake.save(update_fields=["executor", "submission_key"])


def lookups_into_audit(apps, schema_editor):
    """Earlier lookups become access rows of the audit (what audit.access.record_lookup writes now)."""
    Lookup, LogEntry = apps.get_model("frontoffice", "Lookup"), apps.get_model("auditlog", "LogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    rows = list(Lookup.objects.select_related("operator"))
    if not rows:
        return
    intake_type, _created = ContentType.objects.get_or_create(app_label="frontoffice", model="intake")
    LogEntry.objects.bulk_create([LogEntry(
        content_type=intake_type, object_pk="", object_repr=f"«{row.query[:100]}»", action=3, actor=row.operator,
        actor_email=row.operator.email or None, timestamp=row.at,
        additional_data={"what": f"lookup_{row.kind}", "query": row.query, "results": row.results, "found": []},
    ) for row in rows])


class Migration(migrations.Migration):
    dependencies = [
        ("frontoffice", "0002_front_office_permissions"),
        ("auditlog", "0017_add_actor_email"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ServiceDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=300, verbose_name="document")),
                ("is_required", models.BooleanField(default=True, verbose_name="required")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("service", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="documents",
                                              to="frontoffice.service")),
            ],
            options={"verbose_name": "document of the service", "verbose_name_plural": "documents of the service",
                     "ordering": ["order", "pk"]},
        ),
        migrations.AddConstraint(
            model_name="servicedocument",
            constraint=models.UniqueConstraint(fields=("service", "name"), name="frontoffice_service_doc_unique"),
        ),
        migrations.RunPython(documents_from_text, migrations.RunPython.noop),
        migrations.RemoveField(model_name="service", name="required_documents"),
        migrations.AddField(
            model_name="service", name="required_fields",
            field=models.JSONField(blank=True, default=list, verbose_name="required fields",
                                   help_text="Fields of the intake form this service cannot do without, besides "
                                             "the ones every intake needs."),
        ),
        migrations.AddField(
            model_name="intake", name="executor",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                    to=settings.AUTH_USER_MODEL, verbose_name="responsible executor"),
        ),
        migrations.AddField(model_name="intake", name="submission_key",
                            field=models.UUIDField(editable=False, null=True)),
        migrations.RunPython(executors_and_keys, migrations.RunPython.noop),
        migrations.AlterField(model_name="intake", name="submission_key",
                              field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
        migrations.AddField(
            model_name="intakeattachment", name="document_kind",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="+", to="frontoffice.servicedocument", verbose_name="document"),
        ),
        migrations.CreateModel(
            name="StagedFile",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ("file", models.FileField(upload_to="frontoffice/staged/%Y/%m/")),
                ("original_name", models.CharField(max_length=255)),
                ("size", models.PositiveBigIntegerField()),
                ("created_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                ("operator", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                               to=settings.AUTH_USER_MODEL)),
            ],
            options={"verbose_name": "file kept until registration",
                     "verbose_name_plural": "files kept until registration"},
        ),
        migrations.RunPython(lookups_into_audit, migrations.RunPython.noop),
        migrations.DeleteModel(name="Lookup"),
    ]
