import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.models import Branch
from portal.prepared_sql import PreparedQuery, PreparedSQL

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


def test_a_prepared_query_builds_the_instances_the_orm_builds():
    """Instances of the model and of its select_related model, annotations set, nothing read again."""
    from django.contrib.auth.models import Permission
    from django.db.models import F

    def permissions(codename):
        return (Permission.objects.filter(codename=codename).select_related("content_type")
                .annotate(label=F("content_type__app_label")))

    prepared = PreparedQuery(permissions("\x01codename"), {"codename": "\x01codename"})
    for codename in ("add_group", "view_user", "no_such_codename"):
        expected = list(permissions(codename))
        with CaptureQueriesContext(connection) as queries:
            found = prepared.instances({"codename": codename})
            related = [(permission.content_type.app_label, permission.label) for permission in found]
        assert len(queries) == 1  # the content types came with the row
        assert found == expected and related == [(item.content_type.app_label, item.label) for item in expected]
        assert all(item._state.db == "default" and not item._state.adding for item in found)


def test_a_prepared_query_applies_the_columns_converters():
    """A phone number comes back as the PhoneNumber the ORM reads, not as the column's text."""
    from accounts.models import User
    from accounts.tests.factories import UserFactory

    user = UserFactory(phone="+79161234567")
    prepared = PreparedQuery(User.objects.filter(pk=-1).values_list("phone"), {"user": -1})
    assert prepared.rows({"user": user.pk}) == [[user.phone]]
    assert type(prepared.rows({"user": user.pk})[0][0]) is type(User.objects.get(pk=user.pk).phone)


def test_a_prepared_query_refuses_a_marker_that_is_not_a_parameter():
    from accounts.models import User

    with pytest.raises(ValueError, match="user"):
        PreparedQuery(User.objects.filter(username="someone"), {"user": -1})
