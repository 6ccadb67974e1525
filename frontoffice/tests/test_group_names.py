"""The user's groups are read once per request, whatever asks about a role (issue 18)."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.mfa import mfa_required
from accounts.roles import FRONT_OFFICE, is_staff_member
from accounts.tests.factories import UserFactory
from frontoffice.querysets import is_operator

pytestmark = pytest.mark.django_db


def test_the_menu_the_mfa_rule_and_the_front_office_panel_share_one_read_of_the_groups():
    operator = UserFactory()
    operator.groups.add(Group.objects.get(name=FRONT_OFFICE))
    applicant = UserFactory(username="applicant-2")
    with CaptureQueriesContext(connection) as queries:
        assert is_staff_member(operator) and mfa_required(operator) and is_operator(operator)
        assert not (is_staff_member(applicant) or mfa_required(applicant) or is_operator(applicant))
    assert len(queries) == 2  # one per user
