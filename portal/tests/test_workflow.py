"""portal.workflow: a move or an edit writes only the columns it changed (issue 12 §1), and every
refusal people read is a Refused."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications.models import Application
from applications.tests.factories import ApplicationFactory, submitted
from portal.workflow import EditNotAllowed, Refused, TransitionNotAllowed, changed_fields, snapshot

pytestmark = pytest.mark.django_db


def updated_columns(queries, table):
    """The columns of the UPDATE statements on `table` among the captured queries."""
    columns = set()
    for query in queries:
        sql = query["sql"]
        if sql.startswith(f'UPDATE "{table}"'):
            columns |= set(re.findall(r'"(\w+)" = ', sql.split(" WHERE ")[0]))
    return columns


def test_a_move_writes_only_the_status_and_what_the_move_changed(applicant, staff):
    application = submitted(applicant)
    with CaptureQueriesContext(connection) as captured:
        application.take_into_review(actor=staff)
    assert updated_columns(captured.captured_queries, "applications_application") == {
        "status", "due_date", "updated_at"}


def test_an_edit_writes_only_the_fields_it_changed(applicant):
    draft = ApplicationFactory(applicant=applicant)
    with CaptureQueriesContext(connection) as captured:
        draft.update_draft(values={"comment": "Новый комментарий", "email": draft.email})
    assert updated_columns(captured.captured_queries, "applications_application") == {"comment", "updated_at"}
    assert Application.objects.get(pk=draft.pk).comment == "Новый комментарий"


def test_a_json_value_changed_in_place_counts_as_changed(applicant):
    from applications.models import ApplicationEvent

    event = ApplicationEvent(changes={"email": ["a", "b"]})
    before = snapshot(event)
    event.changes["email"][1] = "c"
    assert changed_fields(event, before) == ["changes"]


def test_refusals_are_one_family(applicant, staff):
    from addresses.notices.models import NoticeRefused
    from agreements.models import AgreementRefused
    from appeals.services import FollowUpRefused
    from applications.services import SubmissionRefused
    from passports.services import PassportInvalid, PassportRefused
    from signing.posted import SignatureRefused

    assert all(issubclass(cls, Refused) for cls in (TransitionNotAllowed, EditNotAllowed, AgreementRefused,
                                                    FollowUpRefused, SubmissionRefused, PassportRefused, NoticeRefused,
                                                    PassportInvalid, SignatureRefused))
    application = submitted(applicant)
    application.withdraw(actor=applicant)
    with pytest.raises(TransitionNotAllowed) as refusal:
        application.reject(actor=staff, comment="Поздно")
    assert "Отозвана" in str(refusal.value)
