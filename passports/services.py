"""Use cases of the house passport (DESIGN.md: services named <entity>_<action>)."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from addresses.models import ServedAddress
from agreements.services import SignOutcome, organisation_signature_check
from passports.choices import IN_WORK, Status, SystemKind
from passports.models import EngineeringSystem, Passport
from passports.models.transitions import PassportInvalid, PassportRefused  # noqa: F401 - callers catch them here

GENERAL_FIELDS = ("year_built", "floors", "entrances", "flats", "total_area", "living_area", "wall_material",
                  "energy_class")


def serving(organisation, address, on=None):
    """The organisation's serving of the building in force on `on` (today by default), or None."""
    on = on or timezone.localdate()
    return ServedAddress.objects.of_organisation(organisation).current(on).filter(address=address).first()


def _manager_defaults(organisation):
    profile = getattr(organisation, "profile", None)
    if profile is None:
        return {"manager_name": organisation.display_name, "manager_inn": ""}
    return {"manager_name": profile.org_short_name or profile.org_full_name, "manager_inn": profile.inn}


def passport_create(*, organisation, address):
    """A draft for a building the organisation serves today, prefilled from the building's last accepted
    passport (whoever made it) and, for the managing organisation, from the organisation's profile."""
    if serving(organisation, address) is None:
        raise PassportRefused(_("The building %(address)s is not on your list of served addresses: a passport can "
                                "only be created for a building you serve (send a notice of adding it first).")
                              % {"address": address})
    in_work = Passport.objects.filter(organisation=organisation, address=address, status__in=IN_WORK).first()
    if in_work is not None:
        raise PassportRefused(_("This building already has a passport in work (%(passport)s): continue it.")
                              % {"passport": in_work})
    previous = Passport.objects.accepted_for(address).prefetch_related("systems").first()
    try:
        with transaction.atomic():
            return _make_draft(organisation, address, previous)
    except IntegrityError:  # a double click: the other request made it
        raise PassportRefused(_("This building already has a passport in work: continue it.")) from None


def _make_draft(organisation, address, previous):
    copied = {name: getattr(previous, name) for name in GENERAL_FIELDS} if previous else {}
    passport = Passport.objects.create(organisation=organisation, address=address,
                                       reporting_date=timezone.localdate(), **copied,
                                       **_manager_defaults(organisation))
    earlier = {system.kind: system for system in previous.systems.all()} if previous else {}
    EngineeringSystem.objects.bulk_create([
        EngineeringSystem(passport=passport, kind=kind,
                          **{name: getattr(earlier[kind], name) for name in EngineeringSystem.COPIED_FIELDS}
                          if kind in earlier else {})
        for kind in SystemKind.values])
    return passport


def passport_update(*, passport, general, systems):
    """Save the forms' data (see Passport.update_data). Raises PassportRefused."""
    passport.update_data(general=general, systems=systems)


def passport_validate(*, passport, actor):
    return passport.validate(actor=actor)


def passport_reopen(*, passport, actor):
    return passport.reopen(actor=actor)


def passport_sign(*, passport, actor, data):
    """Verify `data` over the frozen content: valid, qualified and made by the organisation of the
    agreement in force → "signed"; anything else changes nothing and says what is wrong."""
    if passport.status != Status.VALIDATED:
        return SignOutcome(False, _("Only a checked passport can be signed (it is “%(status)s”).")
                           % {"status": passport.get_status_display()})
    outcome, report = organisation_signature_check(organisation=passport.organisation,
                                                   content=passport.content_bytes, data=data)
    if outcome.valid:
        passport.sign(actor=actor, signature=data, report=report.to_dict(), summary=outcome.summary)
    return outcome


def passport_send(*, passport, actor):
    """Only while the organisation still serves the building (the served list is another model)."""
    if serving(passport.organisation, passport.address) is None:
        raise PassportRefused(_("The building is no longer on your list of served addresses: the passport "
                                "cannot be sent."))
    return passport.send(actor=actor)


def passport_accept(*, passport, actor):
    return passport.accept(actor=actor)


def passport_return(*, passport, actor, remarks):
    return passport.return_for_revision(actor=actor, remarks=remarks)
