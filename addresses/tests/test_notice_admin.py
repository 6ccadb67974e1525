"""Admin: notices are read-only (decisions go through the reviewer's page); served lists can be seen."""

import pytest
from django.urls import reverse

from addresses.tests.factories import AddressFactory
from addresses.tests.notice_factories import sent, served

pytestmark = pytest.mark.django_db


def test_the_admin_lists_notices_read_only_and_served_addresses(admin_client, organisation):
    notice = sent(organisation)
    served(organisation, AddressFactory())
    assert notice.number in admin_client.get(reverse("admin:addresses_notice_changelist")).content.decode()
    assert admin_client.get(reverse("admin:addresses_notice_change", args=[notice.pk])).status_code == 200
    assert admin_client.get(reverse("admin:addresses_notice_add")).status_code == 403
    assert admin_client.get(reverse("admin:addresses_notice_changelist"), {"q": "Ромашка"}).status_code == 200
    assert admin_client.get(reverse("admin:addresses_servedaddress_changelist"), {"q": "садовая"}).status_code == 200
