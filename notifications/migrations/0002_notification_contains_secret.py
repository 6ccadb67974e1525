from django.db import migrations, models

# The templates whose text carried a secret before the row knew it (issue 12 §5): their rows are marked,
# their context loses the secret keys, and the delivered or failed ones lose their text.
SECRET_TEMPLATES = ["password_reset_key", "phone_code", "email_confirmation", "email_confirmation_signup",
                    "agreement_accepted", "account_already_exists"]
SECRET_KEYS = {"password_reset_url", "set_password_url", "activate_url", "key", "code", "uid", "token",
               "password", "request"}


def scrub(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    Notification.objects.filter(template__in=SECRET_TEMPLATES).update(contains_secret=True)
    for row in Notification.objects.filter(context__has_any_keys=sorted(SECRET_KEYS)).iterator():
        row.context = {key: value for key, value in row.context.items() if key not in SECRET_KEYS}
        row.save(update_fields=["context"])
    Notification.objects.filter(status="failed", contains_secret=True).update(
        body="", html_body="", context={})
    Notification.objects.filter(status="sent").update(body="", html_body="", context={})


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='notification',
            name='contains_secret',
            field=models.BooleanField(default=False, editable=False, verbose_name='contains a secret'),
        ),
        migrations.RunPython(scrub, migrations.RunPython.noop),
    ]
