"""Use cases of an ESIA login: fill a person's profile from ESIA, act for a person or an organisation.

Acting (seed 004, step 4): after ESIA the session belongs to the person; choosing an organisation first
gets the organisation's data with ESIA's organisation-scoped token (org_access.py), then logs the session
in to that organisation's portal account (found by the ESIA oid, else by OGRN, else by INN, never a
privileged account, else created) while the session remembers the person (ACTING_PERSON_KEY) so that the
role can be switched back. Only organisations ESIA listed for the person at their last ESIA login may be
chosen, and ESIA itself refuses one the person no longer works for. `esia_identification` says whether
the session's person counts as identified by ESIA (a confirmed account), for the simple e-signature
confirmed through ESIA and for skipping SMS checks of numbers ESIA has verified.
"""

import datetime

from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import login
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from accounts import mfa
from accounts.esia.models import OrganisationLink
from accounts.models import ApplicantType, Profile, User
from accounts.services import phone_set_confirmed

ACTING_PERSON_KEY = "esia.person_id"
ACTING_FOR_KEY = "esia.acting_for"
IDENTIFIED_KEY = "esia.identified"
IDENTIFIED_AT_KEY = "esia.identified_at"  # ISO time ESIA authenticated the person (the callback's time)
TRUST_CONFIRMED = "confirmed"  # ESIA's «подтверждённая учётная запись» (person.trusted = true)
BACKEND = "accounts.backends.LockoutAuthenticationBackend"


class ActingRefused(Exception):
    """The chosen role is not one ESIA gave this person; the message is shown as it is."""


def _date(text):
    try:
        return datetime.datetime.strptime(text or "", "%d.%m.%Y").date()
    except ValueError:
        return None


def _digits(text):
    return "".join(ch for ch in str(text or "") if ch.isdigit())


def person_fill_from_esia(*, user, data):
    """Write ESIA's confirmed person data into the account and profile (ФЛ accounts only)."""
    person = data["person"]
    name = " ".join(p for p in (person.get("lastName"), person.get("firstName"), person.get("middleName")) if p)
    user.full_name, user.first_name, user.last_name = name, person.get("firstName", ""), person.get("lastName", "")
    fields = ["full_name", "first_name", "last_name"]
    if data.get("mobile"):
        user.phone, user.phone_confirmed_at = "+" + _digits(data["mobile"]), timezone.now()
        fields += ["phone", "phone_confirmed_at"]
    user.save(update_fields=fields)
    profile, _created = Profile.objects.get_or_create(user=user)
    profile.last_name, profile.first_name = person.get("lastName", ""), person.get("firstName", "")
    profile.patronymic = person.get("middleName", "")
    profile.birth_date = _date(person.get("birthDate")) or profile.birth_date
    profile.snils = _digits(person.get("snils")) or profile.snils
    profile.inn = _digits(person.get("inn")) or profile.inn
    profile.address = data.get("address") or profile.address
    passport = data.get("passport") or {}
    if passport:
        profile.passport_series, profile.passport_number = _digits(passport["series"]), _digits(passport["number"])
        profile.passport_issued_by = passport.get("issuedBy", "")
        profile.passport_issued_on = _date(passport.get("issueDate"))
    profile.save()


def other_accounts_of_the_person(person):
    """Accounts ESIA's verified e-mail, SNILS or INN point to besides this one: offered for linking, never merged."""
    account = esia_account_of(person)
    if account is None:
        return User.objects.none()
    data = account.extra_data
    snils, inn = _digits(data["person"].get("snils")), _digits(data["person"].get("inn"))
    email = data.get("email", "")
    condition = Q(pk__in=[])
    if email:
        condition |= Q(email__iexact=email)
    if snils:
        condition |= Q(profile__snils=snils)
    if inn:
        condition |= Q(profile__inn=inn, applicant_type=ApplicantType.INDIVIDUAL)
    return User.objects.filter(condition).exclude(pk=person.pk).exclude(socialaccount__provider="esia").distinct()


def esia_identification(request, *, max_age_minutes=None):
    """{"oid", "trust", "authenticated_at"} when the session's user is the person who logged in through a
    confirmed ESIA account (and, with max_age_minutes, did so at most that long ago); None otherwise.

    Such a person counts as identified (issue 15): no SMS phone check or captcha is asked again, and an
    individual may sign with the simple e-signature confirmed through ESIA (ПП РФ №644 п. 90(1))."""
    session = request.session
    if not request.user.is_authenticated or not session.get(IDENTIFIED_KEY):
        return None
    if session.get(ACTING_PERSON_KEY) != request.user.pk or session.get(ACTING_FOR_KEY):
        return None  # acting for an organisation: the organisation is not the identified person
    account = esia_account_of(request.user)
    moment = _moment(session.get(IDENTIFIED_AT_KEY))
    if account is None or moment is None or not account.extra_data.get("person", {}).get("trusted"):
        return None
    if max_age_minutes is not None and timezone.now() - moment > datetime.timedelta(minutes=max_age_minutes):
        return None
    return {"oid": account.uid, "trust": TRUST_CONFIRMED, "authenticated_at": moment}


def phone_confirm_by_esia(request, *, phone):
    """True (and the phone confirmed, no SMS) when an identified person enters the mobile number ESIA has
    verified for them; False when the number must be confirmed by SMS as usual."""
    identification = esia_identification(request)
    if identification is None:
        return False
    verified = _digits(esia_account_of(request.user).extra_data.get("mobile"))
    if not verified or verified != _digits(phone.as_e164):
        return False
    phone_set_confirmed(user=request.user, phone=phone, at=timezone.now())
    return True


def _moment(text):
    try:
        return datetime.datetime.fromisoformat(text) if text else None
    except (TypeError, ValueError):
        return None


def esia_account_of(user):
    return SocialAccount.objects.filter(user=user, provider="esia").first()


def acting_person(request):
    """The person an ESIA session belongs to (whoever it acts for now), or None."""
    person_id = request.session.get(ACTING_PERSON_KEY)
    if not person_id or not request.user.is_authenticated:
        return None
    return User.objects.filter(pk=person_id, is_active=True).first()


def organisations_of(person):
    account = esia_account_of(person)
    return list(account.extra_data.get("orgs", [])) if account else []


def _find_account(org):
    link = OrganisationLink.objects.select_related("account").filter(esia_oid=org["oid"]).first()
    if link:
        return link.account
    # Never a privileged account: acting for an organisation must not hand anyone staff rights.
    organisations = User.objects.filter(applicant_type__in=[ApplicantType.LEGAL, ApplicantType.ENTREPRENEUR],
                                        is_staff=False, is_superuser=False, groups=None)
    for field in ("ogrn", "ogrnip", "inn"):
        value = _digits(org.get("ogrn" if field != "inn" else "inn"))
        if value:
            found = organisations.filter(**{f"profile__{field}": value}).first()
            if found:
                return found
    return None


def _new_account(org):
    base = "org-%s" % (_digits(org.get("inn")) or org["oid"])
    username = base if not User.objects.filter(username=base).exists() else f"{base}-{get_random_string(4)}"
    kind = ApplicantType.ENTREPRENEUR if len(_digits(org.get("ogrn"))) == 15 else ApplicantType.LEGAL
    user = User(username=username, applicant_type=kind)
    user.set_unusable_password()
    user.save()
    return user


def _fill_organisation(account, org, person):
    account.full_name = org.get("shortName") or org.get("fullName", "")
    phone = _digits(org.get("phone") or (esia_account_of(person).extra_data.get("mobile", "")))
    fields = ["full_name"]
    email = org.get("email", "")
    if email and not account.email and not User.objects.filter(email__iexact=email).exists():
        account.email = email
        fields.append("email")
    if phone:
        account.phone, account.phone_confirmed_at = "+" + phone, timezone.now()
        fields += ["phone", "phone_confirmed_at"]
    account.save(update_fields=fields)
    profile, _created = Profile.objects.get_or_create(user=account)
    profile.org_full_name, profile.org_short_name = org.get("fullName", ""), org.get("shortName", "")
    profile.inn, profile.kpp = _digits(org.get("inn")), _digits(org.get("kpp"))
    if account.applicant_type == ApplicantType.ENTREPRENEUR:
        profile.ogrnip = _digits(org.get("ogrn"))
    else:
        profile.ogrn = _digits(org.get("ogrn"))
    profile.legal_address = org["addresses"].get("legal") or profile.legal_address
    profile.postal_address = org["addresses"].get("postal") or profile.postal_address
    if org.get("chief") and not profile.head_name:
        profile.head_name = person.full_name
        profile.head_position = org.get("position") or _("Head")
    profile.save()


def organisation_role(person, org_oid):
    """The person's role in the organisation as ESIA listed it at login; ActingRefused when it is not listed."""
    role = next((item for item in organisations_of(person) if item.get("oid") == str(org_oid)), None)
    if role is None:
        raise ActingRefused(_("Gosuslugi does not list you as a member of this organisation."))
    return role


def _lock_organisation(org):
    """Two sessions acting for the same new organisation at once must end with one account and one link."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"esia-org:{_digits(org.get('ogrn'))}"])


@transaction.atomic
def organisation_account_for(*, person, org):
    """The portal account of an organisation ESIA links the person to: linked or created, filled from `org`
    (api.organisation_data, read with the organisation-scoped token)."""
    organisation_role(person, org["oid"])
    _lock_organisation(org)
    account = _find_account(org) or _new_account(org)
    OrganisationLink.objects.update_or_create(esia_oid=org["oid"], defaults={"account": account})
    _fill_organisation(account, org, person)
    return account


def _log_in_keeping_person(request, *, person, target, acting_for):
    if mfa.mfa_required(target):  # this login skips allauth's second-factor stage: never for staff
        raise ActingRefused(_("Staff accounts cannot be used through the role switch."))
    kept = {key: request.session.get(key) for key in (IDENTIFIED_KEY, IDENTIFIED_AT_KEY)}
    if target.pk != request.user.pk:
        login(request, target, backend=BACKEND)
    request.session[ACTING_PERSON_KEY] = person.pk
    request.session[ACTING_FOR_KEY] = acting_for
    request.session.update(kept)
    return target


def acting_as_self(request, *, person):
    """Log the session back in as the person; the organisation-scoped access is not needed for that."""
    return _log_in_keeping_person(request, person=person, target=person, acting_for="")


def acting_for_organisation(request, *, person, org):
    """Log the session in to the organisation's account after ESIA gave its data (org_access.py)."""
    account = organisation_account_for(person=person, org=org)
    return _log_in_keeping_person(request, person=person, target=account, acting_for=str(org["oid"]))
