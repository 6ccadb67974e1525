"""Front-office use cases: find or add the applicant, register an intake as a case, audit lookups.

Seed 004 §3: the operator registers the documents a representative brought; after «Зарегистрировать»
they become a case of the service in its normal workflow (here: a connection application, numbered and
with deadlines, notified to the applicant when they have contacts).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import ApplicantType, Profile, User
from accounts.validators import digits_only
from appeals.models import Appeal
from appeals.services import appeal_register
from applications.models import Application, DocumentSlot
from applications.services import document_add
from frontoffice.models import CaseType, Intake, IntakeAttachment, Lookup

MIN_QUERY = 3
ORGANISATION_TYPES = (ApplicantType.LEGAL, ApplicantType.ENTREPRENEUR)


def lookup_record(*, operator, kind, query, results):
    Lookup.objects.create(operator=operator, kind=kind, query=query[:200], results=results)


def applicant_add(*, name, inn, ogrn=""):
    """A portal account for an organisation (10-digit INN) or an ИП (12 digits) met first at the counter."""
    inn, ogrn = digits_only(inn), digits_only(ogrn)
    existing = User.objects.filter(applicant_type__in=ORGANISATION_TYPES, profile__inn=inn).first()
    if existing:
        return existing
    kind = ApplicantType.LEGAL if len(inn) == 10 else ApplicantType.ENTREPRENEUR
    base = f"org-{inn}"
    user = User(username=base if not User.objects.filter(username=base).exists() else f"{base}-fo",
                applicant_type=kind, full_name=name)
    user.set_unusable_password()
    user.save()
    values = {"inn": inn, "org_short_name": name, "org_full_name": name}
    values["ogrn" if kind == ApplicantType.LEGAL else "ogrnip"] = ogrn
    Profile.objects.create(user=user, **values)
    return user


def _object_address(address, detail):
    parts = [address.full_text if address else "", detail]
    return "; ".join(part for part in parts if part)


def _intake(*, operator, service, applicant, data, **case):
    return Intake.objects.create(
        service=service, applicant=applicant, operator=operator, **case,
        representative_name=data["representative_name"], representative_passport=data["representative_passport"],
        address=data["address"], address_detail=data["address_detail"], comment=data["comment"],
        geometry=data["geometry"],
    )


@transaction.atomic
def intake_register(*, operator, service, applicant, data, files):
    """Register the documents as the service's case; returns the Intake.

    data: representative_name, representative_passport, address (Address|None), address_detail, comment,
    geometry (GeoJSON dict); files: [(UploadedFile, description)]. A refused file (ValidationError)
    rolls everything back.
    """
    if service.case_type == CaseType.APPEAL:
        return _register_appeal(operator=operator, service=service, applicant=applicant, data=data, files=files)
    return _register_application(operator=operator, service=service, applicant=applicant, data=data, files=files)


def _register_appeal(*, operator, service, applicant, data, files):
    """An appeal (numbered, «Принято», 30-day deadline, notified) whose text is the comment and address."""
    text = "\n".join(part for part in (data["comment"], _object_address(data["address"], data["address_detail"]))
                     if part) or service.name
    appeal = appeal_register(applicant=applicant, branch=service.branch, topic=service.appeal_topic, text=text,
                             uploads=[uploaded for uploaded, _description in files])
    intake = _intake(operator=operator, service=service, applicant=applicant, data=data, appeal=appeal)
    stored = appeal.files.order_by("pk")
    for appeal_file, (_uploaded, description) in zip(stored, files, strict=True):
        IntakeAttachment.objects.create(intake=intake, appeal_file=appeal_file, description=description)
    return intake


def _register_application(*, operator, service, applicant, data, files):
    """A connection application submitted at once: number, deadlines, history with the operator."""
    application = Application.objects.create(
        applicant=applicant, branch=service.branch, kind=service.kind, supply_type=service.supply_type,
        applicant_name=applicant.display_name, phone=applicant.phone or "", email=applicant.email or "",
        object_address=_object_address(data["address"], data["address_detail"])[:500],
        comment=data["comment"],
    )
    intake = _intake(operator=operator, service=service, applicant=applicant, data=data, application=application)
    for uploaded, description in files:
        document = document_add(application=application, uploaded_file=uploaded, slot=DocumentSlot.OTHER,
                                actor=operator)
        IntakeAttachment.objects.create(intake=intake, document=document, description=description)
    application.submit(actor=operator)
    return intake


def visits_of(applicant, *, viewer):
    """The applicant's applications and appeals the viewer may see, newest first: (case, intake or None, when)."""
    from frontoffice.querysets import is_operator

    operator = is_operator(viewer)
    applications = Application.objects.all() if operator else Application.objects.for_staff(viewer)
    appeals = Appeal.objects.all() if operator else Appeal.objects.for_staff(viewer)
    cases = [*applications.filter(applicant=applicant).exclude(number=None).select_related("intake"),
             *appeals.filter(applicant=applicant).select_related("intake")]
    cases.sort(key=lambda case: (_when(case), case.pk), reverse=True)
    return [(case, getattr(case, "intake", None), _when(case)) for case in cases]


def _when(case):
    return getattr(case, "submitted_at", None) or getattr(case, "registered_at", None) or case.created_at


def passport_suggestions(prefix):
    prefix = digits_only(prefix)[:6]
    if len(prefix) < MIN_QUERY:
        return []
    rows = (Intake.objects.filter(representative_passport__startswith=prefix)
            .values_list("representative_name", "representative_passport").distinct()[:10])
    return [{"name": name, "passport": number[:3] + "***"} for name, number in rows]


def name_suggestions(query):
    query = " ".join(query.split())
    if len(query) < MIN_QUERY:
        return []
    rows = (Intake.objects.filter(representative_name__icontains=query)
            .values_list("representative_name", "representative_passport").distinct()[:10])
    return [{"name": name, "passport": number[:3] + "***"} for name, number in rows]


def organisation_suggestions(query):
    from django.db.models import Q

    query = " ".join(query.split())
    if len(query) < MIN_QUERY:
        return []
    digits = digits_only(query)
    condition = (Q(profile__org_short_name__icontains=query) | Q(profile__org_full_name__icontains=query)
                 | Q(full_name__icontains=query) | Q(profile__legal_address__icontains=query))
    if digits and len(digits) == len(query.replace(" ", "")):
        condition |= Q(profile__inn__startswith=digits) | Q(profile__ogrn__startswith=digits) | Q(
            profile__ogrnip__startswith=digits)
    found = (User.objects.filter(condition, applicant_type__in=ORGANISATION_TYPES, is_active=True)
             .select_related("profile").distinct()[:10])
    return [{"id": user.pk, "name": user.display_name, "inn": user.profile.inn,
             "ogrn": user.profile.ogrn or user.profile.ogrnip,
             "address": user.profile.legal_address} for user in found]


def registered_message(intake):
    return _("Documents registered: %(number)s.") % {"number": intake.number}
