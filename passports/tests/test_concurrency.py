"""Races that only a real database with row locks can show; CI runs them on PostgreSQL."""

import pytest
from django.db import connection

from passports import services
from passports.choices import Status
from passports.models import Passport, PassportEvent, TransitionNotAllowed
from passports.tests import factories
from portal.tests.concurrency import run_together

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"),
]


@pytest.fixture
def people(transactional_db):
    """Transactional tests lose the data migrations' rows: put the groups and permissions back."""
    import importlib

    from django.apps import apps

    from accounts.tests.factories import ReviewerFactory

    importlib.import_module("accounts.migrations.0002_staff_groups_and_consent").create(apps, None)
    importlib.import_module("agreements.migrations.0002_reviewers_and_template").load(apps, None)
    importlib.import_module("passports.migrations.0002_reviewer_permissions").grant(apps, None)
    first, second = ReviewerFactory(username="first"), ReviewerFactory(username="second")
    return first, second, factories.organisation(first)


def test_two_reviewers_deciding_at_once_one_wins(people):
    first, second, org = people
    passport = factories.sent(org)
    results = run_together([
        lambda: services.passport_accept(passport=Passport.objects.get(pk=passport.pk), actor=first),
        lambda: services.passport_return(passport=Passport.objects.get(pk=passport.pk), actor=second,
                                         remarks="Исправьте площадь."),
    ])
    losers = [r for r in results if isinstance(r, TransitionNotAllowed)]
    assert len(losers) == 1, results
    passport.refresh_from_db()
    decisions = PassportEvent.objects.filter(passport=passport, to_status__in=[Status.ACCEPTED, Status.RETURNED])
    assert decisions.count() == 1 and decisions.get().to_status == passport.status


def test_two_passports_of_one_building_accepted_at_once_leave_one_in_force(people):
    first, second, org = people
    old = factories.accepted_passport(org, first)
    newer = factories.sent(org, old.address)
    racer = factories.sent(_second_org(first, old.address), old.address)  # the building changed hands
    results = run_together([
        lambda: services.passport_accept(passport=Passport.objects.get(pk=newer.pk), actor=first),
        lambda: services.passport_accept(passport=Passport.objects.get(pk=racer.pk), actor=second),
    ])
    refused = [r for r in results if isinstance(r, (services.PassportRefused, TransitionNotAllowed))]
    in_force = Passport.objects.filter(address=old.address, status=Status.ACCEPTED)
    assert in_force.count() == 1
    assert Passport.objects.get(pk=old.pk).status == Status.SUPERSEDED
    if not refused:
        # The second acceptance started after the first had committed: a serial outcome, where the
        # later passport replaces the earlier one — recorded as such, never two in force.
        earlier = Passport.objects.get(pk=({newer.pk, racer.pk} - {in_force.get().pk}).pop())
        assert earlier.status == Status.SUPERSEDED and in_force.get().replaces == earlier
    else:
        assert len(refused) == 1, results


def _second_org(reviewer, address):
    from accounts import sample_numbers

    other = factories.organisation(reviewer, org_short_name="ООО «Лютик»", inn=sample_numbers.inn_legal("500100732"),
                                   ogrn=sample_numbers.ogrn("102500000000"), email="office@lyutik.example.ru")
    factories.served(other, address)
    return other


def test_parallel_sends_get_unique_gapless_numbers(people):
    _first, _second, org = people
    passports = [factories.signed(org) for _ in range(6)]
    results = run_together([lambda p=p: services.passport_send(passport=p, actor=org) for p in passports])
    assert not [r for r in results if isinstance(r, Exception)], results
    numbers = sorted(Passport.objects.values_list("number", flat=True))
    assert [int(number[-5:]) for number in numbers] == list(range(1, 7))


def test_an_edit_racing_a_check_and_a_reopen_never_leaves_frozen_content_unlike_the_data(people):
    """Issue 12 §2 for passports: the organisation saves the forms while the check and a reopen are
    pressed. Whatever wins, status and history agree, and a checked passport's frozen content (the
    bytes to sign) is exactly what its data renders to."""
    from passports.content import render_content

    first, second, org = people
    for floors in (10, 11, 12, 13):
        passport = factories.complete(factories.draft(org))
        results = run_together([
            lambda p=passport, f=floors: services.passport_update(passport=Passport.objects.get(pk=p.pk),
                                                                  general={"floors": f}, systems={}),
            lambda p=passport: services.passport_validate(passport=Passport.objects.get(pk=p.pk), actor=org),
            lambda p=passport: services.passport_reopen(passport=Passport.objects.get(pk=p.pk), actor=org),
        ])
        unexpected = [r for r in results if isinstance(r, Exception)
                      and not isinstance(r, (services.PassportRefused, TransitionNotAllowed))]
        assert not unexpected, results
        passport.refresh_from_db()
        last = PassportEvent.objects.filter(passport=passport).order_by("pk").last()
        assert last.to_status == passport.status
        if passport.status == Status.VALIDATED:
            assert (passport.content, passport.content_sha256) == render_content(passport)
        else:
            assert passport.content == "" and passport.status == Status.DRAFT
