"""Appeal use cases: registration with files, the applicant's follow-up, staff answers and notes."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from appeals.models import (
    Appeal,
    AppealEvent,
    AppealFile,
    AppealNote,
    AppealNumber,
    FileRole,
    Status,
    TransitionNotAllowed,
)
from appeals.models.appeal import answer_deadline
from appeals.models.transitions import AppealRefused, require_answer_text
from portal.uploads import validate_upload


class FollowUpRefused(AppealRefused):
    """The appeal has been answered meanwhile: a follow-up would never be read."""


def stored_bytes(appeal):
    if appeal is None or appeal.pk is None:
        return 0
    return appeal.files.aggregate(total=Sum("size"))["total"] or 0


def check_uploads(uploads, *, appeal=None):
    """Validate every file before anything is stored; raise ValidationError listing each bad one."""
    errors, checks, total = [], [], stored_bytes(appeal)
    for upload in uploads:
        try:
            check = validate_upload(upload, already_stored_bytes=total)
        except ValidationError as invalid:
            errors.extend(invalid.messages)
            continue
        total += check.size
        checks.append(check)
    if errors:
        raise ValidationError(errors)
    return checks


def _store_files(appeal, uploads, *, role, actor):
    stored = []
    for upload, check in zip(uploads, check_uploads(uploads, appeal=appeal), strict=True):
        appeal_file = AppealFile(appeal=appeal, role=role, original_name=check.clean_name, size=check.size,
                                 file_kind=check.kind, sha256=check.sha256, uploaded_by=actor)
        upload.seek(0)
        appeal_file.file.save(check.clean_name, upload, save=False)
        appeal_file.save()
        stored.append(appeal_file)
    return stored


def appeal_register(*, applicant, branch, topic, text, application=None, uploads=()):
    """Sending the form registers the appeal at once ("Принято", a number, the 30-day deadline),
    stores its files and notifies the applicant, all in one transaction."""
    from appeals.notify import notify_status_change

    today = timezone.localdate()
    with transaction.atomic():
        appeal = Appeal.objects.create(
            applicant=applicant, branch=branch, topic=topic, text=text.strip(), application=application,
            number=AppealNumber.take_next(today.year), status=Status.ACCEPTED, due_date=answer_deadline(today),
        )
        files = _store_files(appeal, uploads, role=FileRole.QUESTION, actor=applicant)
        event = AppealEvent.objects.create(appeal=appeal, from_status="", to_status=Status.ACCEPTED, actor=applicant)
        event.files.set(files)
        notify_status_change(appeal, event)
    return appeal


def appeal_follow_up(*, appeal, actor, text, uploads=()):
    """The applicant adds to the question while it is unanswered; the row lock keeps a follow-up
    from slipping in after the answer was sent."""
    with transaction.atomic():
        locked = Appeal.objects.select_for_update().get(pk=appeal.pk)
        if not locked.is_open:
            raise FollowUpRefused(_("The appeal has already been answered; send a new appeal if needed."))
        files = _store_files(locked, uploads, role=FileRole.QUESTION, actor=actor)
        event = AppealEvent.objects.create(appeal=locked, from_status=locked.status, to_status=locked.status,
                                           actor=actor, comment=text.strip())
        event.files.set(files)
    return event


def appeal_answer(*, appeal, actor, text, uploads=()):
    """Store the staff's files and send the answer in one transaction: a refused move keeps no files."""
    require_answer_text(text)
    if not appeal.can("answer"):  # checked before the files are written; checked again under the lock
        raise TransitionNotAllowed(appeal, "answer")
    with transaction.atomic():
        files = _store_files(appeal, uploads, role=FileRole.ANSWER, actor=actor)
        return appeal.send_answer(actor=actor, text=text, files=files)


def note_add(*, appeal, author, text):
    return AppealNote.objects.create(appeal=appeal, author=author, text=text.strip())
