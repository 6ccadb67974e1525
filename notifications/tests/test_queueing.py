"""queue_email / queue_sms: rendering at queue time, the stored row, publishing after commit."""

import datetime
import math
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.db import transaction
from django.utils.translation import gettext_lazy
from phonenumber_field.phonenumber import PhoneNumber

from notifications.models import Channel, Notification, Status
from notifications.services import queue_email, queue_sms

STATUS_CONTEXT = {
    "object_label": "Заявка № 2026-000123",
    "status_label": "На рассмотрении",
    "url": "https://portal.example/applications/7/?tab=history&x=1",
}


@pytest.mark.django_db
def test_it_renders_the_status_changed_email_when_queued():
    notification = queue_email(to=" ivanov@example.ru ", template="status_changed", context=STATUS_CONTEXT)

    notification.refresh_from_db()
    assert notification.channel == Channel.EMAIL
    assert notification.recipient == "ivanov@example.ru"
    assert notification.status == Status.QUEUED and notification.attempts == 0
    assert "Заявка № 2026-000123" in notification.subject and "\n" not in notification.subject
    assert "На рассмотрении" in notification.body
    # Plain text keeps the URL as it is; the HTML alternative escapes it.
    assert STATUS_CONTEXT["url"] in notification.body
    assert "tab=history&amp;x=1" in notification.html_body
    assert notification.template == "status_changed"
    assert notification.context == STATUS_CONTEXT


@pytest.mark.django_db
def test_it_makes_the_subject_one_line_and_skips_a_missing_html_template(test_templates):
    notification = queue_email(to="a@example.ru", template="test_message",
                               context={"greeting": "Hi", "name": "Ann", "url": "http://x/?a=1&b=2"})

    assert notification.subject == "Hi for Ann"
    assert notification.body == "Hello, Ann! Link: http://x/?a=1&b=2\n"
    assert notification.html_body == ""


@pytest.mark.django_db
def test_it_stores_a_json_safe_copy_of_the_context(test_templates, django_user_model):
    user = django_user_model.objects.create(username="ann", first_name="Ann")
    context = {
        "name": "Ann", "user": user, "when": datetime.date(2026, 11, 23), "amount": Decimal("1.50"),
        "lazy": gettext_lazy("Notifications"), "items": ("a", 1, None, True), "tags": {"x"},
        "nested": {1: [user, math.nan]}, "ratio": 0.5,
    }

    notification = queue_email(to="a@example.ru", template="test_message", context=context)

    notification.refresh_from_db()
    assert notification.context == {
        "name": "Ann", "user": str(user), "when": "2026-11-23", "amount": "1.50",
        "lazy": str(gettext_lazy("Notifications")), "items": ["a", 1, None, True], "tags": ["x"],
        "nested": {"1": [str(user), "nan"]}, "ratio": 0.5,
    }


@pytest.mark.django_db
def test_it_links_the_user_and_ignores_anonymous_ones(test_templates, django_user_model):
    user = django_user_model.objects.create(username="ann")

    linked = queue_email(to="a@example.ru", template="test_message", context={}, user=user)
    anonymous = queue_sms(to="+79161234567", template="test_message", user=AnonymousUser())

    assert linked.user == user and list(user.notifications.all()) == [linked]
    assert anonymous.user is None


@pytest.mark.django_db
@pytest.mark.parametrize("phone", ["+7 916 123-45-67", "8 (916) 123-45-67", PhoneNumber.from_string("+79161234567")])
def test_it_stores_sms_recipients_in_e164(test_templates, phone):
    notification = queue_sms(to=phone, template="test_message", context={"code": "123456", "name": "Ann"})

    notification.refresh_from_db()
    assert notification.recipient == "+79161234567"
    assert notification.body == "Code 123456 for Ann"
    assert notification.status == Status.QUEUED


@pytest.mark.django_db
def test_it_records_an_sms_to_an_invalid_number_as_failed_without_sending(test_templates):
    with transaction.atomic():
        notification = queue_sms(to="12345", template="test_message", context={})

    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert notification.last_error == "Invalid phone number"
    assert notification.recipient == "12345"


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_event_writes_no_row_and_sends_nothing():
    class EventFailed(Exception):
        pass

    with pytest.raises(EventFailed), transaction.atomic():
        queue_email(to="a@example.ru", template="status_changed", context=STATUS_CONTEXT)
        queue_sms(to="+79161234567", template="status_changed", context=STATUS_CONTEXT)
        raise EventFailed

    assert Notification.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_it_sends_only_after_the_event_commits():
    with transaction.atomic():
        notification = queue_email(to="a@example.ru", template="status_changed", context=STATUS_CONTEXT)
        assert mail.outbox == []

    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.status == Status.SENT and notification.attempts == 1


@pytest.mark.django_db(transaction=True)
def test_it_sends_at_once_outside_a_transaction(settings):
    settings.SMS_BACKEND = "memory"

    notification = queue_sms(to="+79161234567", template="status_changed", context=STATUS_CONTEXT)

    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert notification.provider_message_id.startswith("memory-")
