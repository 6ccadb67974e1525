"""Every e-mail and SMS about an object links to that object on the portal (issue 17): applications and
appeals here; passports and notices in passports/tests/test_email_links.py, agreements in
agreements/tests/test_renew.py, rights requests in integrations/tests/test_delegations.py."""

import pytest
from django.conf import settings
from django.urls import reverse

from appeals.tests.factories import registered
from applications.tests.factories import submitted
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def _latest(template, channel):
    return Notification.objects.filter(template=template, channel=channel).latest("pk")


@pytest.mark.parametrize(("make", "template", "route"), [
    (submitted, "application_status", "applications:detail"),
    (registered, "appeal_status", "appeals:detail"),
])
def test_status_messages_link_to_their_object(applicant, make, template, route):
    item = make(applicant)
    url = settings.SITE_URL + reverse(route, args=[item.pk])
    email = _latest(template, "email")
    assert url in email.body and f'href="{url}"' in email.html_body
    assert url in _latest(template, "sms").body
