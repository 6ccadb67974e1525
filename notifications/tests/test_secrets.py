"""Issue 12 §5: the outbox keeps no secret beyond delivery. Reset links, set-password links and SMS
codes reach their recipient, but the row keeps none of them once sent, shows none of them in the admin
(to superusers neither), and sent rows are purged after NOTIFICATIONS_RETENTION_DAYS."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts import services as account_services
from accounts.tests.helpers import deliver_outbox
from notifications import sms
from notifications.models import Notification, Status
from notifications.services import notifications_purge, notifications_requeue_failed, queue_email
from notifications.tasks import purge_sent_notifications

pytestmark = pytest.mark.django_db
RESET_LINK = re.compile(r"http://\S+/password/reset/key/\S+")


def _reset_row(client, applicant):
    assert client.post(reverse("account_reset_password"), {"email": applicant.username}).status_code == 302
    return Notification.objects.get(template="password_reset_key")


def test_a_reset_link_is_delivered_and_then_gone_from_the_row(client, applicant):
    row = _reset_row(client, applicant)
    link = RESET_LINK.search(row.body).group(0)  # what delivery needs, until it is sent
    assert row.contains_secret
    assert not {"password_reset_url", "key", "request", "uid", "token"} & set(row.context)
    assert link not in str(row.context)
    deliver_outbox()
    assert link in mail.outbox[-1].body
    row.refresh_from_db()
    assert row.status == Status.SENT and row.body == "" and row.html_body == "" and row.context == {}


def test_a_phone_code_is_delivered_and_then_gone_from_the_row(applicant):
    sms.outbox.clear()
    account_services.phone_verification_start(user=applicant, phone=applicant.phone)
    row = Notification.objects.get(template="phone_code")
    code = re.search(r"\b\d{6}\b", row.body).group(0)
    assert row.contains_secret and "code" not in row.context and code not in str(row.context)
    deliver_outbox()
    assert code in sms.outbox[-1]["text"]
    row.refresh_from_db()
    assert row.body == "" and code not in str(row.__dict__)


def test_superusers_do_not_see_a_queued_secret_in_the_admin(client, admin_user, applicant):
    row = _reset_row(client, applicant)
    link = RESET_LINK.search(row.body).group(0)
    client.force_login(admin_user)
    page = client.get(reverse("admin:notifications_notification_change", args=[row.pk])).content.decode()
    assert link not in page and row.body not in page
    assert "Скрыто: сообщение содержит секрет" in page


def test_ordinary_messages_stay_readable_until_sent(client, admin_user, applicant):
    row = queue_email(to=applicant.email, template="status_changed", user=applicant,
                      context={"number": "2026-000001", "status": "Принята"})
    client.force_login(admin_user)
    page = client.get(reverse("admin:notifications_notification_change", args=[row.pk])).content.decode()
    assert "2026-000001" in page and not row.contains_secret


def test_a_failed_secret_is_not_sent_again(applicant):
    row = queue_email(to=applicant.email, template="status_changed", context={"code": "123456"}, user=applicant)
    Notification.objects.filter(pk=row.pk).update(status=Status.FAILED)
    assert notifications_requeue_failed(queryset=Notification.objects.all()) == 0
    assert Notification.objects.get(pk=row.pk).status == Status.FAILED


def test_sent_and_failed_rows_are_purged_after_the_retention_period(settings, applicant):
    settings.NOTIFICATIONS_RETENTION_DAYS = 30
    long_ago = timezone.now() - datetime.timedelta(days=31)
    recently = timezone.now() - datetime.timedelta(days=29)
    rows = {name: queue_email(to=applicant.email, template="status_changed", context={}, user=applicant)
            for name in ("old_sent", "new_sent", "old_failed", "old_queued")}
    Notification.objects.filter(pk=rows["old_sent"].pk).update(status=Status.SENT, sent_at=long_ago)
    Notification.objects.filter(pk=rows["new_sent"].pk).update(status=Status.SENT, sent_at=recently)
    Notification.objects.filter(pk=rows["old_failed"].pk).update(status=Status.FAILED, created_at=long_ago)
    Notification.objects.filter(pk=rows["old_queued"].pk).update(created_at=long_ago)
    assert purge_sent_notifications() == 2
    assert set(Notification.objects.values_list("pk", flat=True)) == {rows["new_sent"].pk, rows["old_queued"].pk}
    assert notifications_purge() == 0
