"""The completeness and consistency check a passport passes before it can be signed. Each problem is
a sentence the organisation can act on; an empty list means the passport is ready."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from accounts.validators import inn_is_valid
from passports.choices import Supply

OLDEST_YEAR = 1700
REQUIRED_GENERAL = ("year_built", "floors", "entrances", "flats", "total_area", "living_area", "wall_material",
                    "energy_class")


def passport_problems(passport, today):
    return [*_general_problems(passport, today), *_manager_problems(passport),
            *[problem for system in passport.systems_in_order() for problem in _system_problems(system, today)]]


def _label(passport, name):
    return str(passport._meta.get_field(name).verbose_name)


def _general_problems(passport, today):
    problems = []
    if passport.reporting_date is None:
        problems.append(_("Fill in the reporting date."))
    elif passport.reporting_date > today:
        problems.append(_("The reporting date cannot be in the future."))
    problems += [_("Fill in “%(field)s”.") % {"field": _label(passport, name)}
                 for name in REQUIRED_GENERAL if getattr(passport, name) in (None, "")]
    return problems + _consistency_problems(passport, today)


def _consistency_problems(passport, today):
    problems = []
    if passport.year_built is not None and not OLDEST_YEAR <= passport.year_built <= today.year:
        problems.append(_("The year built must be between %(first)s and %(last)s.")
                        % {"first": OLDEST_YEAR, "last": today.year})
    if passport.floors is not None and passport.floors < 1:
        problems.append(_("A building has at least one floor."))
    if passport.entrances is not None and passport.entrances < 1:
        problems.append(_("A building has at least one entrance."))
    if passport.flats is not None and passport.entrances and passport.flats < passport.entrances:
        problems.append(_("There cannot be fewer flats than entrances."))
    if passport.total_area is not None and passport.total_area <= 0:
        problems.append(_("The total area must be greater than zero."))
    if None not in (passport.total_area, passport.living_area) and passport.living_area > passport.total_area:
        problems.append(_("The living area (%(living)s m²) cannot be greater than the total area (%(total)s m²).")
                        % {"living": number_format(passport.living_area, 2),
                           "total": number_format(passport.total_area, 2)})
    return problems


def _manager_problems(passport):
    problems = []
    if not passport.manager_name.strip():
        problems.append(_("Fill in the name of the managing organisation."))
    if not passport.manager_inn:
        problems.append(_("Fill in the INN of the managing organisation."))
    elif not inn_is_valid(passport.manager_inn):
        problems.append(_("The INN of the managing organisation is not valid: check its digits."))
    return problems


def _system_problems(system, today):
    name = system.get_kind_display()
    if not system.supply:
        return [_("%(system)s: say whether the system is present.") % {"system": name}]
    if system.supply == Supply.NONE:
        if system.meter_installed:
            return [_("%(system)s: the system is absent, so it cannot have a meter.") % {"system": name}]
        return []
    problems = [] if system.state else [_("%(system)s: choose its state.") % {"system": name}]
    if system.meter_installed:
        if not system.meter_number.strip():
            problems.append(_("%(system)s: fill in the meter number.") % {"system": name})
        if system.meter_verified_on is None:
            problems.append(_("%(system)s: fill in the meter verification date.") % {"system": name})
        elif system.meter_verified_on > today:
            problems.append(_("%(system)s: the meter verification date cannot be in the future.") % {"system": name})
    return problems
