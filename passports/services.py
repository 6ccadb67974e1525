"""Use cases of the house passport (DESIGN.md: services named <entity>_<action>)."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from addresses.models import ServedAddress
from agreements.services import SignOutcome, organisation_signature_check
from passports.choices import IN_WORK, REVIEW_WORKING_DAYS, Status, SystemKind
from passports.content import render_content
from passports.models import EngineeringSystem, Passport, PassportNumber
from passports.validation import passport_problems
from portal.workdays import add_working_days

GENERAL_FIELDS = ("year_built", "floors", "entrances", "flats", "total_area", "living_area", "wall_material",
                  "energy_class")


class PassportRefused(Exception):
    """The action cannot be done; the message says why, in words for the person who asked."""


class PassportInvalid(Exception):
    """The passport did not pass the check; `problems` lists what to fix."""

    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


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
    """Save the forms' data; only a draft or a returned passport can change (locked, so a concurrent
    check or send cannot freeze half-edited data). `systems`: {kind: {field: value}}."""
    with transaction.atomic():
        locked = Passport.objects.select_for_update().get(pk=passport.pk)
        if not locked.is_editable:
            raise PassportRefused(_("The passport is “%(status)s” and can no longer be edited.")
                                  % {"status": locked.get_status_display()})
        for name, value in general.items():
            setattr(locked, name, value)
        locked.save()
        for system in locked.systems.all():
            for name, value in systems.get(system.kind, {}).items():
                setattr(system, name, value)
            system.save()
    passport.refresh_from_db()


def passport_validate(*, passport, actor):
    """Check the passport; when it passes, freeze its canonical content (the bytes to sign) and move to
    "checked". When it does not, raise PassportInvalid and change nothing."""
    def change(locked):
        problems = passport_problems(locked, timezone.localdate())
        if problems:
            raise PassportInvalid(problems)  # rolls the transition back
        locked.content, locked.content_sha256 = render_content(locked)
        _drop_signature(locked)

    return passport._move("validate", actor=actor, change=change)


def _drop_signature(locked):
    locked.signature, locked.signature_report, locked.signature_summary = b"", {}, ""


def passport_reopen(*, passport, actor):
    """Back to editing: the frozen content and any signature no longer describe what will be sent."""
    def change(locked):
        locked.content = locked.content_sha256 = ""
        _drop_signature(locked)

    return passport._move("reopen", actor=actor, change=change)


def passport_sign(*, passport, actor, data):
    """Verify `data` over the frozen content: valid, qualified and made by the organisation of the
    agreement in force → "signed"; anything else changes nothing and says what is wrong."""
    if passport.status != Status.VALIDATED:
        return SignOutcome(False, _("Only a checked passport can be signed (it is “%(status)s”).")
                           % {"status": passport.get_status_display()})
    outcome, report = organisation_signature_check(organisation=passport.organisation,
                                                   content=passport.content_bytes, data=data)
    if outcome.valid:
        passport_sign_verified(passport=passport, actor=actor, signature=data, report=report.to_dict(),
                               summary=outcome.summary)
    return outcome


def passport_sign_verified(*, passport, actor, signature, report, summary):
    """The move to "signed" with a signature already verified by the caller (passport_sign, or the
    integration API, where an information system signs for the organisation that delegated it)."""
    content_sha256 = passport.content_sha256

    def change(locked):
        if locked.content_sha256 != content_sha256:  # re-checked meanwhile: other bytes
            raise PassportRefused(_("The passport changed while it was being signed: sign it again."))
        locked.signature, locked.signature_report, locked.signature_summary = signature, report, summary

    return passport._move("sign", actor=actor, change=change)


def passport_send(*, passport, actor):
    """To the municipality: a number (kept when a returned passport is sent again) and a due date."""
    if serving(passport.organisation, passport.address) is None:
        raise PassportRefused(_("The building is no longer on your list of served addresses: the passport "
                                "cannot be sent."))

    def change(locked):
        today = timezone.localdate()
        locked.number = locked.number or PassportNumber.take_next(today.year)
        locked.due_date = add_working_days(today, REVIEW_WORKING_DAYS)
        locked.sent_at = timezone.now()
        locked.remarks = ""

    return passport._move("send", actor=actor, change=change)


def passport_accept(*, passport, actor):
    """The building's previous accepted passport becomes "superseded" in the same transaction."""
    def change(locked):
        previous = Passport.objects.accepted_for(locked.address).exclude(pk=locked.pk).first()
        if previous is not None:
            previous._move("supersede", actor=actor, comment=_("Replaced by the passport %(number)s.")
                           % {"number": locked.number})
            locked.replaces = previous
        locked.due_date, locked.decided_at = None, timezone.now()

    try:
        return passport._move("accept", actor=actor, change=change)
    except IntegrityError:
        # Two passports of one building accepted at once: the one-accepted constraint stops the second.
        raise PassportRefused(_("Another passport of this building has just been accepted: reload the page.")) from None


def passport_return(*, passport, actor, remarks):
    if not (remarks or "").strip():
        raise PassportRefused(_("Write the remarks: the organisation needs to know what to fix."))

    def change(locked):
        locked.remarks, locked.due_date, locked.decided_at = remarks.strip(), None, timezone.now()

    return passport._move("return", actor=actor, comment=remarks.strip(), change=change)
