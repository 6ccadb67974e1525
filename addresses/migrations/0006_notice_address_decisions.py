"""Each address of a notice gets the reviewer's decision and reason; notices decided before, as a whole,
get their decision copied onto every address (a rejection's comment becomes each address's reason)."""

from django.db import migrations, models


def copy_whole_decisions(apps, schema_editor):
    NoticeAddress = apps.get_model("addresses", "NoticeAddress")
    NoticeAddress.objects.filter(notice__status="confirmed").update(decision="confirmed")
    for item in NoticeAddress.objects.filter(notice__status="rejected").select_related("notice"):
        item.decision, item.reason = "rejected", item.notice.reviewer_comment[:1000]
        item.save(update_fields=["decision", "reason"])


class Migration(migrations.Migration):

    dependencies = [
        ('addresses', '0005_notice_reviewers'),
    ]

    operations = [
        migrations.AddField(
            model_name='noticeaddress',
            name='decision',
            field=models.CharField(blank=True, choices=[('confirmed', 'Confirmed'), ('rejected', 'Rejected')], max_length=10, verbose_name='decision'),
        ),
        migrations.AddField(
            model_name='noticeaddress',
            name='reason',
            field=models.CharField(blank=True, max_length=1000, verbose_name='reason for rejection'),
        ),
        migrations.AlterField(
            model_name='notice',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('sent', 'Sent'), ('confirmed', 'Confirmed'), ('partly_confirmed', 'Partially confirmed'), ('rejected', 'Rejected')], db_index=True, default='draft', max_length=20, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='noticeevent',
            name='from_status',
            field=models.CharField(blank=True, choices=[('draft', 'Draft'), ('sent', 'Sent'), ('confirmed', 'Confirmed'), ('partly_confirmed', 'Partially confirmed'), ('rejected', 'Rejected')], max_length=20, verbose_name='old status'),
        ),
        migrations.AlterField(
            model_name='noticeevent',
            name='to_status',
            field=models.CharField(choices=[('draft', 'Draft'), ('sent', 'Sent'), ('confirmed', 'Confirmed'), ('partly_confirmed', 'Partially confirmed'), ('rejected', 'Rejected')], max_length=20, verbose_name='new status'),
        ),
        migrations.RunPython(copy_whole_decisions, migrations.RunPython.noop),
    ]
