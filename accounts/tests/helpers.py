import re

from django.core import mail

from notifications import sms
from notifications.models import Notification
from notifications.services import notification_deliver


def deliver_outbox():
    """Deliver what is queued, as the worker does after commit (test transactions never commit)."""
    for pk in Notification.objects.filter(status="queued").values_list("pk", flat=True):
        notification_deliver(notification_id=pk)


def last_sms_code(phone):
    """The 6-digit code of the newest SMS for `phone` (as the applicant would read it): from the row while
    it is queued, from the phone (the memory SMS backend) once delivered, since a sent row keeps no text."""
    row = Notification.objects.filter(channel="sms", recipient=str(phone)).order_by("-pk").first()
    assert row is not None, f"no SMS queued for {phone}"
    if row.status == "queued":
        return re.search(r"\b(\d{6})\b", row.body).group(1)
    delivered = [message["text"] for message in sms.outbox if message["to"] == str(phone)]
    assert delivered, f"SMS {row.pk} to {phone} is {row.status} but not in the memory SMS outbox"
    return re.search(r"\b(\d{6})\b", delivered[-1]).group(1)


def link_in_last_mail(to, pattern):
    deliver_outbox()
    for message in reversed(mail.outbox):
        if to in message.to:
            found = re.search(pattern, message.body)
            assert found, f"no link {pattern} in {message.body!r}"
            return found.group(0)
    raise AssertionError(f"no mail to {to}: {[m.to for m in mail.outbox]}")


def log_in_recently(client, user, password=None):
    """force_login plus the password typed again, as allauth's re-authentication asks before changes of
    the e-mail, phone, password or second factor (issue 11)."""
    from django.urls import reverse

    from accounts.tests.factories import PASSWORD

    client.force_login(user)
    response = client.post(reverse("account_reauthenticate"), {"password": password or PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client
