import pytest
from django.core import mail
from django.urls import reverse

from notifications.models import Notification, Status
from notifications.services import queue_email

pytestmark = pytest.mark.django_db
CONTEXT = {"object_label": "Заявка № 1", "status_label": "Принята"}


def failed_row(to="a@example.ru"):
    notification = queue_email(to=to, template="status_changed", context=CONTEXT)
    Notification.objects.filter(pk=notification.pk).update(status=Status.FAILED, attempts=6, last_error="x")
    return notification


def test_staff_see_the_outbox_filtered_and_searched(admin_client):
    failed_row(to="found@example.ru")
    failed_row(to="other@example.ru")
    url = reverse("admin:notifications_notification_changelist")

    response = admin_client.get(url, {"status__exact": "failed", "q": "found"})

    assert response.status_code == 200
    assert b"found@example.ru" in response.content and b"other@example.ru" not in response.content


def test_a_row_opens_read_only(admin_client):
    notification = failed_row()

    response = admin_client.get(reverse("admin:notifications_notification_change", args=[notification.pk]))

    assert response.status_code == 200
    assert b'name="recipient"' not in response.content


def test_the_requeue_action_sends_failed_rows_again(admin_client, django_capture_on_commit_callbacks):
    failed = failed_row()
    sent = failed_row()
    Notification.objects.filter(pk=sent.pk).update(status=Status.SENT)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:notifications_notification_changelist"), {
            "action": "requeue_failed", "_selected_action": [failed.pk, sent.pk]})

    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == Status.SENT and failed.attempts == 1
    assert [message.extra_headers["X-Portal-Notification"] for message in mail.outbox] == [str(failed.pk)]
