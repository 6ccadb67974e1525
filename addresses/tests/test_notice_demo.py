"""The demo: organisation `org` with an agreement in force, one served address, one notice to review."""

import pytest

from addresses.demo import load_demo_addresses
from addresses.models import ServedAddress
from addresses.notices.models import Notice
from agreements.demo import load_demo_organisation
from agreements.services import agreement_in_force_for

pytestmark = pytest.mark.django_db


class Out:
    def __init__(self):
        self.lines = []

    def write(self, text):
        self.lines.append(text)


def test_the_demo_organisation_has_an_agreement_a_served_address_and_a_notice(reviewer):
    users = {"reviewer": reviewer}
    for _ in range(2):  # idempotent
        load_demo_organisation(users, Out())
        load_demo_addresses(users, Out())
    org = users["org"]
    assert org.username == "org" and org.check_password("Demo-Portal-2026")
    assert agreement_in_force_for(org).number
    assert ServedAddress.objects.of_organisation(org).open().count() == 1
    assert sorted(Notice.objects.filter(organisation=org).values_list("status", flat=True)) == ["confirmed", "sent"]
