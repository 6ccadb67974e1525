"""Organisations with an agreement in force, served buildings and passports in each status."""

import datetime
from decimal import Decimal

from django.utils import timezone

from addresses.models import ServedAddress
from addresses.tests.factories import AddressFactory
from agreements.tests.factories import accepted
from passports import services
from passports.choices import Supply, SystemState
from passports.models import Passport

COMPLETE = {"year_built": 1985, "floors": 9, "entrances": 4, "flats": 144, "total_area": Decimal("8120.50"),
            "living_area": Decimal("6050.00"), "wall_material": "panel", "energy_class": "C"}
SYSTEM = {"supply": Supply.CENTRAL, "state": SystemState.GOOD, "meter_installed": True, "meter_number": "СЧ-1",
          "meter_verified_on": datetime.date(2025, 3, 1)}


def organisation(reviewer, **overrides):
    """The account made when an agreement is accepted (profile filled from the requisites)."""
    return accepted(reviewer, **overrides).organisation


def served(org, address=None, starts_on=None, ends_on=None):
    address = address or AddressFactory()
    ServedAddress.objects.create(organisation=org, address=address, ends_on=ends_on,
                                 starts_on=starts_on or timezone.localdate() - datetime.timedelta(days=30))
    return address


def draft(org, address=None):
    return services.passport_create(organisation=org, address=address or served(org))


def complete(passport, **general):
    """Fill every section with consistent data, through the same use case the form uses."""
    services.passport_update(passport=passport, general={**COMPLETE, **general},
                             systems={system.kind: SYSTEM for system in passport.systems.all()})
    return passport


def validated(org, address=None):
    passport = complete(draft(org, address))
    services.passport_validate(passport=passport, actor=org)
    return Passport.objects.get(pk=passport.pk)


def signed(org, address=None):
    """Skips the signature check (tested on its own) but goes through the same transition."""
    passport = validated(org, address)
    passport.sign(actor=org)
    return Passport.objects.get(pk=passport.pk)


def sent(org, address=None):
    passport = signed(org, address)
    services.passport_send(passport=passport, actor=org)
    return Passport.objects.get(pk=passport.pk)


def accepted_passport(org, reviewer, address=None):
    passport = sent(org, address)
    services.passport_accept(passport=passport, actor=reviewer)
    return Passport.objects.get(pk=passport.pk)
