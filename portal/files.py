"""`/files/<name>`: the one view behind every stored file's URL (portal.storage), admin links included.

Each app registers, in its AppConfig.ready(), the models that hold files with the rows a user may see
(`register(model, "file", visible=lambda user: ...)`, the app's own queryset rules). The view looks for
the name among the rows the user may see and answers 404 otherwise: a stored name alone (random in
every upload folder) opens nothing, and nobody else's file is ever served.
"""

from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.storage import file_response


@dataclass(frozen=True)
class FileOwner:
    model: Any
    field: str
    visible: Any  # user -> queryset of model
    filename: Any  # row -> the download name


_owners = []


def register(model, field, *, visible, filename=None):
    _owners.append(FileOwner(model, field, visible, filename or (lambda row: getattr(row, "original_name", ""))))


def registered_fields():
    """[(model, field name)] of every registered file field (the storage migration command uses it)."""
    return [(owner.model, owner.field) for owner in _owners]


def find_visible(user, name):
    """(row, owner) of the stored file `name` if `user` may see it, else (None, None)."""
    for owner in _owners:
        row = owner.visible(user).filter(**{owner.field: name}).first()
        if row is not None:
            return row, owner
    return None, None


@never_cache
@require_GET
def stored_file(request, name):
    row, owner = find_visible(request.user, name)
    if row is None:
        raise Http404
    field_file = getattr(row, owner.field)
    filename = owner.filename(row) or name.rsplit("/", 1)[-1]
    return file_response(field_file, filename=filename, size=getattr(row, "size", None))
