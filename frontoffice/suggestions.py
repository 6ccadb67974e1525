"""Suggestions of the intake form (seed 004 §3: «Адрес», «Номер паспорта», «ФИО» and the applicant,
after 3 characters), each audited, each showing no more than the operator needs to pick (issue 15
«Privacy»): representatives' passport numbers masked to the 3 digits typed, a sole proprietor's INN
(a person's number) masked but for its ends, a citizen's SNILS but for its check number, no OGRN."""

from django.db.models import Q

from accounts.models import ApplicantType, User
from accounts.validators import digits_only
from audit.access import record_lookup
from frontoffice.models import Intake
from frontoffice.services import ORGANISATION_TYPES

MIN_QUERY = 3
LIMIT = 10


def mask_passport(number):
    return number[:3] + "***"


def mask_inn(inn):
    return inn[:4] + "*" * (len(inn) - 6) + inn[-2:] if len(inn) > 6 else inn


def _representatives(rows):
    return [{"name": name, "passport": mask_passport(number)} for name, number in rows]


def passport_suggestions(prefix, *, viewer):
    """Representatives of the intakes the viewer may see whose passport number starts with `prefix`."""
    prefix = digits_only(prefix)[:6]
    if len(prefix) < MIN_QUERY:
        return [], []
    rows = (Intake.objects.for_viewer(viewer).filter(representative_passport__startswith=prefix)
            .values_list("representative_name", "representative_passport").distinct()[:LIMIT])
    return _representatives(rows), []


def name_suggestions(query, *, viewer):
    query = " ".join(query.split())
    if len(query) < MIN_QUERY:
        return [], []
    rows = (Intake.objects.for_viewer(viewer).filter(representative_name__icontains=query)
            .values_list("representative_name", "representative_passport").distinct()[:LIMIT])
    return _representatives(rows), []


def organisation_suggestions(query, *, viewer):
    """Applicants: organisations and sole proprietors by INN, OGRN(IP), part of the name or address;
    citizens by part of the full name or their whole SNILS or INN (a citizen's number is personal data:
    no prefix search on it). Returns (items, ids of the accounts shown)."""
    query = " ".join(query.split())
    if len(query) < MIN_QUERY:
        return [], []
    digits = digits_only(query)
    numeric = bool(digits) and len(digits) == len(query.replace(" ", "").replace("-", ""))
    condition = (Q(profile__org_short_name__icontains=query) | Q(profile__org_full_name__icontains=query)
                 | Q(full_name__icontains=query) | Q(profile__legal_address__icontains=query))
    if numeric:
        condition |= (Q(profile__inn__startswith=digits) | Q(profile__ogrn__startswith=digits)
                      | Q(profile__ogrnip__startswith=digits))
    organisations = Q(condition, applicant_type__in=ORGANISATION_TYPES)
    citizens = Q(full_name__icontains=query)
    if numeric:
        citizens |= Q(profile__snils=digits) | Q(profile__inn=digits)
    found = list(User.objects.filter(organisations | Q(citizens, applicant_type=ApplicantType.INDIVIDUAL),
                                     is_active=True).select_related("profile").distinct()[:LIMIT])
    return [_applicant(user) for user in found], [user.pk for user in found]


def _applicant(user):
    profile = getattr(user, "profile", None)
    inn = (profile.inn if profile else "") or ""
    if user.applicant_type == ApplicantType.INDIVIDUAL:
        snils = (profile.snils if profile else "") or ""
        return {"id": user.pk, "name": user.display_name, "kind": "person",
                "snils": mask_snils(snils) if snils else "", "inn": "", "address": ""}
    legal = user.applicant_type == ApplicantType.LEGAL
    return {"id": user.pk, "name": user.display_name, "kind": "organisation",
            "inn": inn if legal else mask_inn(inn), "address": profile.legal_address if legal else ""}


def mask_snils(snils):
    """«***-***-*** 45»: the check number only, enough to tell two namesakes apart."""
    return "***-***-*** " + snils[-2:]


FINDERS = {"organisation": organisation_suggestions, "passport": passport_suggestions, "name": name_suggestions}


def suggest(request, kind):
    """The answers for the query `q`; a query long enough to search is recorded in the audit (the security
    officer's page, kind «lookup_<kind>») with the people shown."""
    query = request.GET.get("q", "")[:200]
    items, people = FINDERS[kind](query, viewer=request.user)
    if len(query.strip()) >= MIN_QUERY:
        model = User if kind == "organisation" else Intake
        record_lookup(request, model, what=f"lookup_{kind}", query=query,
                      found=people or [item["name"] for item in items],
                      subject=people[0] if len(people) == 1 else None)
    return items
