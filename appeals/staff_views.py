"""The staff answer page: reached from the staff dashboard, guarded by the permission and the branch
rule (another branch's appeal is a 404 unless the user may see every branch)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from appeals import services
from appeals.forms import AnswerForm, NoteForm, TakeIntoWorkForm
from appeals.models import Appeal, TransitionNotAllowed
from audit.access import record_access
from portal.storage import file_response


def staff_required(view):
    @login_required
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not (request.user.is_staff and request.user.has_perm("appeals.change_appeal")):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


def _get_appeal_for_staff(request, pk):
    queryset = Appeal.objects.for_staff(request.user).select_related("topic", "branch", "applicant", "application")
    return get_object_or_404(queryset, pk=pk)


def _work_url(appeal, anchor=""):
    return reverse("appeals:staff_work", args=[appeal.pk]) + anchor


@staff_required
def appeal_work(request, pk):
    appeal = _get_appeal_for_staff(request, pk)
    return _render_work(request, appeal)


def _render_work(request, appeal, *, answer_form=None, note_form=None):
    return render(request, "appeals/staff/work.html", {
        "appeal": appeal, "nav": "staff", "files": list(appeal.files.all()),
        "events": appeal.events.select_related("actor").prefetch_related("files"),
        "notes": appeal.notes.select_related("author"),
        "take_form": TakeIntoWorkForm() if appeal.can("take_into_work") else None,
        "answer_form": answer_form or (AnswerForm(appeal=appeal) if appeal.can("answer") else None),
        "note_form": note_form or NoteForm(),
    })


def _lost_race(request, error):
    messages.error(request, _("Not done: the appeal is already “%(status)s” — someone acted before you. "
                              "Check its history.") % {"status": error.status})


@staff_required
@require_POST
def take_into_work(request, pk):
    appeal = _get_appeal_for_staff(request, pk)
    form = TakeIntoWorkForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        appeal.take_into_work(actor=request.user, comment=comment)
    except TransitionNotAllowed as error:
        _lost_race(request, error)
    else:
        messages.success(request, _("The appeal has been taken into work."))
    return redirect(_work_url(appeal, "#answer"))


@staff_required
@require_POST
def send_answer(request, pk):
    appeal = _get_appeal_for_staff(request, pk)
    form = AnswerForm(request.POST, request.FILES, appeal=appeal)
    if not form.is_valid():
        return _render_work(request, appeal, answer_form=form)
    try:
        services.appeal_answer(appeal=appeal, actor=request.user, text=form.cleaned_data["text"],
                               uploads=form.cleaned_data["files"])
    except TransitionNotAllowed as error:
        _lost_race(request, error)
    except ValidationError as invalid:
        form.add_error("files", invalid)
        return _render_work(request, appeal, answer_form=form)
    else:
        messages.success(request, _("The answer has been sent to the applicant."))
    return redirect(_work_url(appeal))


@staff_required
@require_POST
def add_note(request, pk):
    appeal = _get_appeal_for_staff(request, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _render_work(request, appeal, note_form=form)
    services.note_add(appeal=appeal, author=request.user, text=form.cleaned_data["text"])
    messages.success(request, _("The internal note has been saved."))
    return redirect(_work_url(appeal, "#notes"))


@staff_required
def file_download(request, pk, file_pk):
    appeal = _get_appeal_for_staff(request, pk)
    appeal_file = get_object_or_404(appeal.files, pk=file_pk)
    record_access(request, appeal_file, what="appeal_file")
    return file_response(appeal_file.file, filename=appeal_file.original_name, size=appeal_file.size)
