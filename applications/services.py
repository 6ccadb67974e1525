"""Application use cases: drafts, the submission gate, documents, and the periodic annulment."""

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import ApplicantType, Profile
from accounts.services import profile_missing_items
from applications.choices import EDITABLE_STATUSES
from applications.models import (
    Application,
    ApplicationDocument,
    ApplicationEvent,
    DocumentSlot,
    Kind,
    Status,
)
from applications.models.application import TransitionNotAllowed
from applications.models.documents import REQUIRED_SLOTS
from portal.uploads import validate_upload
from portal.workflow import EditNotAllowed, Refused


class SubmissionRefused(Refused):
    """Why an application cannot be submitted yet: a list of human-readable items, and whether the
    profile (not the application) is what is incomplete."""

    def __init__(self, items, *, profile_incomplete=False):
        self.items = items
        self.profile_incomplete = profile_incomplete
        super().__init__("; ".join(str(item) for item in items))


REQUIRED_FIELDS = ("applicant_name", "phone", "object_address", "cadastral_number", "object_purpose", "reason",
                   "max_load", "load_unit")
REQUIRED_FOR_CONTRACT = ("planned_commissioning",)


def application_start(*, applicant, branch, kind, supply_type):
    """Seed 003: choosing the kind creates a draft at once, or opens the draft of that kind."""
    draft = (Application.objects.for_applicant(applicant)
             .filter(status=Status.DRAFT, branch=branch, kind=kind, supply_type=supply_type)
             .order_by("-updated_at").first())
    if draft:
        return draft, False
    application = Application.objects.create(
        applicant=applicant, branch=branch, kind=kind, supply_type=supply_type,
        applicant_name=_applicant_name(applicant), phone=applicant.phone or "", email=applicant.email or "",
    )
    return application, True


def _applicant_name(applicant):
    profile = Profile.objects.filter(user=applicant).first()
    if profile and applicant.applicant_type == ApplicantType.LEGAL and profile.org_short_name:
        return profile.org_short_name
    if profile and profile.last_name:
        return " ".join(filter(None, (profile.last_name, profile.first_name, profile.patronymic)))
    return applicant.display_name


def application_update(*, application, values):
    """Save the applicant's form: `values` are only the fields the form changed, written on the locked
    row while it is still a draft or waiting for corrections. Raises EditNotAllowed."""
    return application.update_draft(values=values)


def application_draft_delete(*, application):
    """Delete a draft with its files; a draft submitted meanwhile stays. Raises EditNotAllowed."""
    with transaction.atomic():
        locked = application.locked()
        if locked.status != Status.DRAFT:
            raise EditNotAllowed(locked, _("Only a draft can be deleted."))
        files = [document.file for document in locked.documents.all()]
        locked.delete()
    for stored in files:
        stored.delete(save=False)


def missing_for_submission(application):
    """What the application itself still lacks: empty required fields and document slots."""
    missing = [str(Application._meta.get_field(name).verbose_name) for name in _required_fields(application)
               if getattr(application, name) in (None, "")]
    present = set(application.documents.values_list("slot", flat=True))
    missing += [str(DocumentSlot(slot).label) for slot in REQUIRED_SLOTS[Kind(application.kind)]
                if slot not in present]
    return missing


def _required_fields(application):
    if application.kind == Kind.CONNECTION_CONTRACT:
        return REQUIRED_FIELDS + REQUIRED_FOR_CONTRACT
    return REQUIRED_FIELDS


def application_submit(*, application, actor):
    """The gate of seed 003 fig. 7: a complete profile, then complete fields and documents."""
    profile_missing = profile_missing_items(actor)
    if profile_missing:
        raise SubmissionRefused(profile_missing, profile_incomplete=True)
    missing = missing_for_submission(application)
    if missing:
        raise SubmissionRefused(missing)
    if application.status == Status.NEEDS_CORRECTION:
        return application.resubmit(actor=actor, comment=_("Corrections made by the applicant."))
    return application.submit(actor=actor)


def stored_bytes(application):
    return application.documents.aggregate(total=Sum("size"))["total"] or 0


# The statuses in which files of each kind may be added or removed: the applicant's own while the
# application is editable, the utility's result at completion (in the `complete` transaction).
def _file_statuses(slot):
    return (Status.SIGNED,) if slot == DocumentSlot.RESULT else EDITABLE_STATUSES


@transaction.atomic
def document_add(*, application, uploaded_file, slot, actor):
    """Validate by content and size, store, and note it in the history, with the application row locked
    and its status re-checked (a file never slips into a submitted or signed application).
    Raises ValidationError or EditNotAllowed."""
    application = _locked_for_files(application, slot)
    check = validate_upload(uploaded_file, already_stored_bytes=stored_bytes(application))
    document = ApplicationDocument(application=application, slot=slot, original_name=check.clean_name,
                                   size=check.size, file_kind=check.kind, sha256=check.sha256, uploaded_by=actor)
    uploaded_file.seek(0)
    document.file.save(check.clean_name, uploaded_file, save=False)
    document.save()
    event = ApplicationEvent.objects.create(application=application, from_status=application.status,
                                            to_status=application.status, actor=actor,
                                            comment=_("Document added: %(name)s") % {"name": check.clean_name})
    event.documents.add(document)
    return document


def _locked_for_files(application, slot):
    locked = application.locked()
    if locked.status not in _file_statuses(slot):
        raise EditNotAllowed(locked, _("The documents of the application cannot be changed: it is “%(status)s”."))
    return locked


@transaction.atomic
def document_remove(*, document, actor):
    """Raises EditNotAllowed when the application is no longer editable (checked under its row lock)."""
    application = _locked_for_files(document.application, document.slot)
    ApplicationEvent.objects.create(application=application, from_status=application.status,
                                    to_status=application.status, actor=actor,
                                    comment=_("Document removed: %(name)s") % {"name": document.original_name})
    document.file.delete(save=False)
    document.delete()


def annul_expired_corrections(today=None):
    """Periodic: an unanswered correction request past its deadline annuls the application."""
    today = today or timezone.localdate()
    annulled = 0
    for application in Application.objects.correction_expired(today).only("pk"):
        try:
            application.annul(comment=_("The deadline for corrections has passed."))
        except TransitionNotAllowed:  # the applicant resubmitted meanwhile
            continue
        annulled += 1
    return annulled
