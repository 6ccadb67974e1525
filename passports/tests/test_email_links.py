"""Every e-mail about a passport or a served-address notice links to it on the portal."""

import pytest
from django.conf import settings
from django.urls import reverse

from addresses.tests import notice_factories
from notifications.models import Notification
from passports.tests import factories

pytestmark = pytest.mark.django_db


def test_a_sent_passport_s_e_mail_links_to_the_passport(org):
    passport = factories.sent(org)
    email = Notification.objects.filter(template="passport_status").latest("pk")
    url = settings.SITE_URL + reverse("passports:detail", args=[passport.pk])
    assert url in email.body and f'href="{url}"' in email.html_body


def test_a_sent_notice_s_e_mail_links_to_the_notice(org):
    notice = notice_factories.sent(org)
    email = Notification.objects.filter(template="notice_status").latest("pk")
    url = settings.SITE_URL + reverse("addresses:notice", args=[notice.pk])
    assert url in email.body and f'href="{url}"' in email.html_body
