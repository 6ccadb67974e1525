"""Front-office use cases: find or add the applicant, register an intake as a case, audit lookups.

Seed 004 §3: the operator registers the documents a representative brought; after «Зарегистрировать»
they become a case of the service in its normal workflow (here: a connection application, numbered and
with deadlines, notified to the applicant when they have contacts).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import ApplicantType, Profile, User
from accounts.validators import digits_only
from applications.models import Application, DocumentSlot
from applications.services import document_add
from frontoffice.models import Intake, IntakeAttachment, Lookup

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


@transaction.atomic
def intake_register(*, operator, service, applicant, data, files):
    """Create the application, attach the described files, record the intake, submit. Returns the Intake.

    data: representative_name, representative_passport, address (Address|None), address_detail, comment,
    geometry (GeoJSON dict); files: [(UploadedFile, description)]. A refused file (ValidationError)
    rolls everything back.
    """
    application = Application.objects.create(
        applicant=applicant, branch=service.branch, kind=service.kind, supply_type=service.supply_type,
        applicant_name=applicant.display_name, phone=applicant.phone or "", email=applicant.email or "",
        object_address=_object_address(data["address"], data["address_detail"])[:500],
        comment=data["comment"],
    )
    intake = Intake.objects.create(
        service=service, applicant=applicant, application=application, operator=operator,
        representative_name=data["representative_name"], representative_passport=data["representative_passport"],
        address=data["address"], address_detail=data["address_detail"], comment=data["comment"],
        geometry=data["geometry"],
    )
    for uploaded, description in files:
        document = document_add(application=application, uploaded_file=uploaded, slot=DocumentSlot.OTHER,
                                actor=operator)
        IntakeAttachment.objects.create(intake=intake, document=document, description=description)
    application.submit(actor=operator)
    return intake


def visits_of(applicant, *, viewer):
    """The applicant's cases the viewer may see, newest first: (application, intake or None) pairs."""
    from frontoffice.querysets import is_operator

    visible = Application.objects.all() if is_operator(viewer) else Application.objects.for_staff(viewer)
    applications = (visible.filter(applicant=applicant).exclude(number=None)
                    .select_related("intake").order_by("-submitted_at", "-pk"))
    return [(app, getattr(app, "intake", None)) for app in applications]


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
    return _("Documents registered: application %(number)s.") % {"number": intake.application.number}
