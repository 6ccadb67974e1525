"""Races that only a real database with row locks can show; CI runs them on PostgreSQL (issue 12 §2)."""

import pytest
from django.db import connection
from django.db.models import F

from agreements import services
from agreements.choices import Status
from agreements.models import Agreement, AgreementEvent
from agreements.tests.factories import submitted
from notifications.models import Notification
from portal.tests.concurrency import run_together
from portal.workflow import Refused

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"),
]


@pytest.fixture
def reviewers(transactional_db):
    """Transactional tests lose the data migrations' rows: put the groups and the template back."""
    import importlib

    from django.apps import apps

    from accounts.tests.factories import ReviewerFactory

    importlib.import_module("accounts.migrations.0002_staff_groups_and_consent").create(apps, None)
    importlib.import_module("agreements.migrations.0002_reviewers_and_template").load(apps, None)
    return ReviewerFactory(username="first"), ReviewerFactory(username="second")


def test_accept_reject_and_terminate_at_once_leave_status_history_and_notices_in_step(reviewers):
    """Two reviewers decide and a third terminates at the same moment: one decision wins, a termination
    only follows an acceptance, and the organisation gets one e-mail per recorded move."""
    first, second = reviewers
    for _ in range(4):
        agreement = submitted()
        agreement.refresh_from_db()
        before = Notification.objects.count()
        results = run_together([
            lambda pk=agreement.pk: services.agreement_accept(agreement=Agreement.objects.get(pk=pk), actor=first),
            lambda pk=agreement.pk: services.agreement_reject(agreement=Agreement.objects.get(pk=pk), actor=second,
                                                              reason="Неверные реквизиты."),
            lambda pk=agreement.pk: services.agreement_terminate(agreement=Agreement.objects.get(pk=pk),
                                                                 actor=second, reason="Расторжение."),
        ])
        assert not [r for r in results if isinstance(r, Exception) and not isinstance(r, Refused)], results
        agreement.refresh_from_db()
        moves = AgreementEvent.objects.filter(agreement=agreement).exclude(from_status=F("to_status")).order_by("pk")
        assert moves.last().to_status == agreement.status
        assert moves.filter(to_status__in=[Status.ACCEPTED, Status.REJECTED]).count() == 1
        decided = moves.exclude(to_status=Status.SUBMITTED).count()
        assert Notification.objects.count() - before == decided
        if agreement.status == Status.REJECTED:
            assert agreement.organisation is None and agreement.number is None
        if agreement.status == Status.ACCEPTED:  # the next round concludes one for the same organisation
            agreement.terminate(actor=first, reason="Конец раунда.")
