import pytest
from django.contrib.auth.models import Group
from django.db import connection

from portal.models import Branch
from portal.prepared_sql import PreparedSQL

pytestmark = pytest.mark.django_db


def test_the_captured_sql_answers_as_the_orm_for_other_values():
    groups = [Group.objects.create(name=name) for name in ("a", "b", "c")]

    def named(name, above):
        return Group.objects.filter(name=name, pk__gt=above).values_list("pk", "name")

    prepared = PreparedSQL.capture(lambda: list(named("\x01name", -5)), {"name": "\x01name", "above": -5})
    for group in groups:
        for above in (0, group.pk):
            assert prepared.rows({"name": group.name, "above": above}) == list(named(group.name, above))


def test_capturing_sends_nothing():
    sent = []

    def query_reaching_the_database():
        with connection.execute_wrapper(lambda execute, *args: sent.append(args) or execute(*args)):
            list(Group.objects.filter(name="\x01name"))

    PreparedSQL.capture(query_reaching_the_database, {"name": "\x01name"})
    assert sent == []
    query_reaching_the_database()
    assert len(sent) == 1


def test_a_marker_that_is_not_a_parameter_as_it_was_given_is_refused():
    with pytest.raises(ValueError, match="name"):
        PreparedSQL.capture(lambda: list(Group.objects.filter(name__contains="\x01name")), {"name": "\x01name"})
    with pytest.raises(ValueError, match="sent no query"):
        PreparedSQL.capture(lambda: list(Branch.objects.none()), {})
