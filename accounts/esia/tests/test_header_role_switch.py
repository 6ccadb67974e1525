"""A session that came through ESIA gets the «act for» switch in the header written in Python
(accounts.header) exactly as in the former template."""

import pytest
from django.contrib.sessions.backends.db import SessionStore

from accounts.esia.services import ACTING_PERSON_KEY
from accounts.models import ApplicantType
from accounts.tests.factories import ApplicantFactory
from accounts.tests.test_header import FORMER_HEADER, NEW_HEADER, normalised, render

pytestmark = pytest.mark.django_db


def test_an_esia_session_gets_the_role_switch_as_before():
    person = ApplicantFactory(username="esia-person", applicant_type=ApplicantType.INDIVIDUAL)
    session = SessionStore()
    session[ACTING_PERSON_KEY] = person.pk
    former = render(FORMER_HEADER, person, "applications", session)
    new = render(NEW_HEADER, person, "applications", session)
    assert 'id="role-switch"' in new and normalised(new) == normalised(former)
    assert 'id="role-switch"' not in render(NEW_HEADER, person, "applications", SessionStore())
