"""Migration 0003 keeps what earlier intakes had: each line of a service's «required documents» text
becomes a document of the service, each intake gets its service's executor and a key of its own, and
each recorded lookup becomes an access row of the audit."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE, AFTER = [("frontoffice", "0002_front_office_permissions")], [("frontoffice",
                                                                      "0003_service_documents_executor_staging")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_documents_executors_keys_and_lookups_carry_over():
    import importlib

    from django.apps import apps

    from accounts.tests.factories import StaffFactory
    from portal.tests.factories import BranchFactory

    # A transactional test before this one may have flushed the groups the data migrations made.
    importlib.import_module("accounts.migrations.0002_staff_groups_and_consent").create(apps, None)

    branch, executor = BranchFactory(), StaffFactory(username="executor")
    old = _migrate(BEFORE)
    try:
        user_model = old.get_model("accounts", "User")
        operator = user_model.objects.get(pk=executor.pk)
        service = old.get_model("frontoffice", "Service").objects.create(
            name="ТУ", kind="tu", supply_type="cold_water", branch_id=branch.pk, executor_id=executor.pk,
            required_documents="Заявление\n\n Доверенность \nЗаявление")
        for name in ("Первый", "Второй"):
            old.get_model("frontoffice", "Intake").objects.create(
                service=service, applicant=operator, operator=operator, representative_name=name,
                representative_passport="123456", geometry={"type": "Point", "coordinates": [36.5, 50.5]})
        old.get_model("frontoffice", "Lookup").objects.create(operator=operator, kind="passport", query="123",
                                                              results=2)
        new = _migrate(AFTER)
    finally:
        _migrate(connection_leaf())
    documents = new.get_model("frontoffice", "ServiceDocument").objects.filter(service_id=service.pk)
    assert list(documents.order_by("order").values_list("name", "is_required")) == [
        ("Заявление", True), ("Доверенность", True)]
    intakes = new.get_model("frontoffice", "Intake").objects.all()
    assert {intake.executor_id for intake in intakes} == {executor.pk}
    assert len({intake.submission_key for intake in intakes}) == 2
    from auditlog.models import LogEntry

    row = LogEntry.objects.get(additional_data__what="lookup_passport")
    assert row.actor_id == executor.pk and row.additional_data["query"] == "123"
    assert row.additional_data["results"] == 2


def connection_leaf():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
