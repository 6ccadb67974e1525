"""Races that only a real database with row locks can show; CI runs them on PostgreSQL."""

import importlib

import pytest
from django.apps import apps
from django.db import connection

from integrations import services
from integrations.choices import SystemKind, SystemStatus
from integrations.models import Delegation, InformationSystem
from integrations.tests import factories
from portal.tests.concurrency import run_together
from portal.workflow import TransitionNotAllowed

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"),
]

REFERENCE_DATA = [("accounts.migrations.0002_staff_groups_and_consent", "create"),
                  ("agreements.migrations.0002_reviewers_and_template", "load"),
                  ("integrations.migrations.0002_reviewer_permissions", "grant")]
ALLOWED_HISTORIES = [["sent", "accepted"], ["sent", "accepted", "revoked"], ["sent", "rejected"], ["sent", "revoked"]]


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    for module, function in REFERENCE_DATA:
        getattr(importlib.import_module(module), function)(apps, None)


@pytest.fixture
def commercial_system(trusted, operator_organisation, operator_key, reviewer, sign_bytes):
    services.operator_grant(organisation=operator_organisation, actor=reviewer)
    return factories.active_system(operator_organisation, operator_key, reviewer, sign_bytes,
                                   kind=SystemKind.COMMERCIAL, admin_email="is@lyutik.example.ru")


def test_accepting_rejecting_and_revoking_at_once_leave_a_history_that_agrees(commercial_system, organisation,
                                                                               operator_organisation):
    request = factories.delegation(organisation, commercial_system)
    fresh = lambda: Delegation.objects.get(pk=request.pk)  # noqa: E731 - each thread reads its own copy
    results = run_together([
        lambda: services.delegation_accept(delegation=fresh(), actor=operator_organisation),
        lambda: services.delegation_reject(delegation=fresh(), actor=operator_organisation, reason="Нет"),
        lambda: services.delegation_revoke(delegation=fresh(), actor=organisation),
    ])
    request.refresh_from_db()
    history = list(request.events.order_by("created_at", "pk").values_list("to_status", flat=True))
    assert history in ALLOWED_HISTORIES and history[-1] == request.status
    errors = [result for result in results if isinstance(result, Exception)]
    assert all(isinstance(error, TransitionNotAllowed) for error in errors)
    assert len(results) - len(errors) == len(history) - 1


def test_activating_and_rejecting_an_application_at_once_decide_it_once(trusted, organisation, legal_key, reviewer,
                                                                        sign_bytes):
    system = factories.draft_system(organisation, legal_key)
    services.system_sign(system=system, data=sign_bytes(legal_key, system.text_bytes))
    fresh = lambda: InformationSystem.objects.get(pk=system.pk)  # noqa: E731
    results = run_together([lambda: services.system_activate(system=fresh(), actor=reviewer),
                            lambda: services.system_reject(system=fresh(), actor=reviewer, reason="Нет")])
    system.refresh_from_db()
    assert system.status in (SystemStatus.ACTIVE, SystemStatus.REJECTED)
    assert list(system.events.values_list("to_status", flat=True)) == ["submitted", system.status]
    assert sum(isinstance(result, TransitionNotAllowed) for result in results) == 1
