"""Files attached to an intake form that was refused are kept (StagedFile) so the corrected form registers
them without the operator choosing them again (issue 15: «losing nothing typed or attached»).

Each file is checked (content, size, viruses: portal.uploads.validate_upload) before it is kept; a
refused file gets its reason next to it and is not kept. Only the operator who attached a file can use
it; registration reads it into the case and deletes it; leftovers older than STAGED_FILE_DAYS go at the
operator's next form or from the hourly task.
"""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from frontoffice.models import StagedFile
from portal.uploads import validate_upload

STAGED_FILE_DAYS = 1


def staged_keep(*, operator, uploaded):
    """Check and keep one uploaded file; returns the StagedFile. Raises ValidationError (Russian reason)."""
    check = validate_upload(uploaded)
    uploaded.seek(0)
    staged = StagedFile(operator=operator, original_name=check.clean_name, size=check.size, sha256=check.sha256)
    staged.file.save(check.clean_name, uploaded, save=False)
    staged.save()
    return staged


def staged_of(*, operator, tokens):
    """The operator's kept files for the tokens the form sent back, in that order; unknown or someone
    else's tokens are skipped."""
    clean = [token for token in tokens if _is_uuid(token)]
    found = {str(staged.token): staged for staged in StagedFile.objects.filter(operator=operator, token__in=clean)}
    return [found[token] for token in clean if token in found]


def staged_as_upload(staged):
    """The kept file as an upload the domain services store (they check it again)."""
    with staged.file.open("rb") as handle:
        return SimpleUploadedFile(staged.original_name, handle.read())


def staged_discard(files):
    for staged in files:
        staged.file.delete(save=False)
        staged.delete()


def staged_purge(*, operator=None):
    """Forget the kept files of abandoned forms (older than STAGED_FILE_DAYS): the operator's at their next
    form, everyone's from the hourly task (frontoffice.tasks). Returns how many went."""
    old = StagedFile.objects.filter(created_at__lt=timezone.now() - timedelta(days=STAGED_FILE_DAYS))
    if operator is not None:
        old = old.filter(operator=operator)
    old = list(old)
    staged_discard(old)
    return len(old)


def _is_uuid(value):
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True

