"""Front-office use cases: add an applicant met at the counter, register an intake as a case.

Seed 004 §3: the operator registers the documents a representative brought; after «Зарегистрировать»
they become a case of the service in its normal workflow (a connection application, numbered and with
deadlines, notified to the applicant when they have contacts; or an appeal) that goes to the executor
responsible for the service. Lookups (suggestions) are in frontoffice.suggestions, kept files in
frontoffice.staging.
"""

import re

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import ApplicantType, Profile, User
from accounts.validators import digits_only
from appeals.models import Appeal
from appeals.services import appeal_register
from applications.models import Application, DocumentSlot
from applications.services import document_add
from frontoffice.models import CaseType, Intake, IntakeAttachment
from notifications.services import queue_email
from portal.uploads import validate_upload

ORGANISATION_TYPES = (ApplicantType.LEGAL, ApplicantType.ENTREPRENEUR)
APPLICANT_TYPES = (*ORGANISATION_TYPES, ApplicantType.INDIVIDUAL)


def applicant_add(*, name, inn="", ogrn="", snils=""):
    """A portal account for an applicant met first at the counter: an organisation (10-digit INN), an ИП
    (12 digits), or with no INN a citizen by SNILS; the existing account when the INN or SNILS is known.
    It has no password: the applicant may later log in through ESIA or reset it by a confirmed e-mail."""
    inn, ogrn, snils = digits_only(inn), digits_only(ogrn), digits_only(snils)
    if not inn:
        return _citizen_add(name=name, snils=snils)
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


def _citizen_add(*, name, snils):
    existing = User.objects.filter(applicant_type=ApplicantType.INDIVIDUAL, profile__snils=snils).first()
    if existing:
        return existing
    base = f"person-{snils}"
    user = User(username=base if not User.objects.filter(username=base).exists() else f"{base}-fo",
                applicant_type=ApplicantType.INDIVIDUAL, full_name=name)
    user.set_unusable_password()
    user.save()
    Profile.objects.create(user=user, snils=snils)
    return user


def _object_address(address, detail):
    parts = [address.full_text if address else "", detail]
    return "; ".join(part for part in parts if part)


def intake_register(*, operator, service, applicant, data, files, submission_key=None):
    """Register the documents as the service's case; returns (intake, created).

    data: representative_name, representative_passport, address (Address|None), address_detail, comment,
    geometry (GeoJSON dict); files: [(file, description, ServiceDocument|None)]. A refused file
    (ValidationError) rolls everything back. submission_key (UUID of the form): the same form sent twice,
    even at the same moment, gives the one intake it made - the Intake row is inserted first, so the
    second insert waits on the unique index and then finds the first (PostgreSQL).
    """
    if submission_key is not None:
        existing = Intake.objects.filter(submission_key=submission_key).first()
        if existing:
            return existing, False
    try:
        return _register(operator=operator, service=service, applicant=applicant, data=data, files=files,
                         submission_key=submission_key), True
    except IntegrityError:
        existing = Intake.objects.filter(submission_key=submission_key).first() if submission_key else None
        if existing is None:
            raise
        return existing, False


@transaction.atomic
def _register(*, operator, service, applicant, data, files, submission_key):
    key = {"submission_key": submission_key} if submission_key else {}
    intake = Intake.objects.create(
        service=service, applicant=applicant, operator=operator, executor=service.executor, **key,
        representative_name=data["representative_name"], representative_passport=data["representative_passport"],
        address=data["address"], address_detail=data["address_detail"], comment=data["comment"],
        geometry=data["geometry"],
    )
    if service.case_type == CaseType.APPEAL:
        _register_appeal(intake, files)
    else:
        _register_application(intake, files)
    _notify_executor(intake)
    return intake


# A file the operator left as «иной документ» but described as a power of attorney or a passport copy
# still carries the representative's passport data: kept with the intake too (the safe side).
PERSONAL_WORDS = re.compile(r"доверенност|паспорт", re.IGNORECASE)


def _is_personal(kind, description):
    return (kind is not None and kind.is_personal) or bool(PERSONAL_WORDS.search(description or ""))


def _keep_personal(intake, files):
    """Store the files of personal kinds (a power of attorney: the representative's passport data) with
    the intake only - never among the case's documents, which the applicant, every staff member of the
    city, the documents' ZIP and the API see (issue 15 «Privacy»). Returns the other files."""
    shared = []
    for uploaded, description, kind in files:
        if not _is_personal(kind, description):
            shared.append((uploaded, description, kind))
            continue
        check = validate_upload(uploaded)
        uploaded.seek(0)
        attachment = IntakeAttachment(intake=intake, description=description, document_kind=kind,
                                      original_name=check.clean_name, size=check.size)
        attachment.file.save(check.clean_name, uploaded, save=False)
        attachment.save()
    return shared


def _register_appeal(intake, files):
    """An appeal (numbered, «Принято», 30-day deadline, notified) whose text is the comment and address."""
    service = intake.service
    files = _keep_personal(intake, files)
    text = "\n".join(part for part in (intake.comment, _object_address(intake.address, intake.address_detail))
                     if part) or service.name
    intake.appeal = appeal_register(applicant=intake.applicant, branch=service.branch, topic=service.appeal_topic,
                                    text=text, uploads=[uploaded for uploaded, _description, _kind in files])
    intake.save(update_fields=["appeal"])
    stored = intake.appeal.files.order_by("pk")
    for appeal_file, (_uploaded, description, kind) in zip(stored, files, strict=True):
        IntakeAttachment.objects.create(intake=intake, appeal_file=appeal_file, description=description,
                                        document_kind=kind)


def _register_application(intake, files):
    """A connection application submitted at once: number, deadlines, history with the operator, and the
    applicant notified by the submit transition when they have contacts."""
    service, applicant, operator = intake.service, intake.applicant, intake.operator
    application = Application.objects.create(
        applicant=applicant, branch=service.branch, kind=service.kind, supply_type=service.supply_type,
        applicant_name=applicant.display_name, phone=applicant.phone or "", email=applicant.email or "",
        object_address=_object_address(intake.address, intake.address_detail)[:500], comment=intake.comment,
    )
    intake.application = application
    intake.save(update_fields=["application"])
    for uploaded, description, kind in _keep_personal(intake, files):
        document = document_add(application=application, uploaded_file=uploaded, slot=DocumentSlot.OTHER,
                                actor=operator)
        IntakeAttachment.objects.create(intake=intake, document=document, description=description,
                                        document_kind=kind)
    application.submit(actor=operator)


def _notify_executor(intake):
    """The responsible executor learns of the new case by e-mail (after commit, through the outbox)."""
    executor = intake.executor
    if executor is None or not executor.email:
        return
    queue_email(to=executor.email, template="frontoffice_case_assigned", user=executor, context={
        "number": intake.number, "service": intake.service.name, "applicant": intake.applicant.display_name,
        "url": settings.SITE_URL + reverse("frontoffice:intake", args=[intake.pk]),
    })


def visits_of(applicant, *, viewer):
    """The applicant's applications and appeals the viewer may see, newest first: (case, intake or None, when)."""
    from frontoffice.querysets import operator_branch_ids

    branches = operator_branch_ids(viewer)
    if branches is not None:
        applications = Application.objects.exclude(number=None)
        appeals = Appeal.objects.all()
        if branches != "all":
            applications, appeals = applications.filter(branch__in=branches), appeals.filter(branch__in=branches)
    else:
        applications, appeals = Application.objects.for_staff(viewer), Appeal.objects.for_staff(viewer)
    visible = Intake.objects.for_viewer(viewer)
    cases = [*applications.filter(applicant=applicant).exclude(number=None).select_related("intake__service"),
             *appeals.filter(applicant=applicant).select_related("intake__service")]
    cases.sort(key=lambda case: (_when(case), case.pk), reverse=True)
    shown = set(visible.filter(applicant=applicant).values_list("pk", flat=True))
    return [(case, _intake_of(case, shown), _when(case)) for case in cases]


def _intake_of(case, shown):
    intake = getattr(case, "intake", None)
    return intake if intake is not None and intake.pk in shown else None


def _when(case):
    return getattr(case, "submitted_at", None) or getattr(case, "registered_at", None) or case.created_at


def registered_message(intake, created=True):
    if not created:
        return _("These documents were already registered: %(number)s.") % {"number": intake.number}
    return _("Documents registered: %(number)s.") % {"number": intake.number}
