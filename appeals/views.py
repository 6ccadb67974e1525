from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from appeals import services
from appeals.forms import AppealForm, FollowUpForm
from appeals.models import Appeal
from audit.access import record_access
from portal.storage import file_response

PAGE_SIZE = 20


def _get_appeal_for_user(request, pk):
    """The one access rule for applicant pages: someone else's appeal does not exist (404)."""
    return get_object_or_404(Appeal.objects.for_applicant(request.user).select_related("topic", "branch"), pk=pk)


@login_required
def appeal_list(request):
    """Seed 001 table 7: date, number, topic, question, answer, status; newest first."""
    appeals = (Appeal.objects.for_applicant(request.user).select_related("topic", "branch")
               .prefetch_related("files"))
    page = Paginator(appeals, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "appeals/list.html", {"nav": "appeals", "page_obj": page})


@login_required
def appeal_new(request):
    form = AppealForm(request.POST or None, request.FILES or None, applicant=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            appeal = services.appeal_register(applicant=request.user, branch=data["branch"], topic=data["topic"],
                                              text=data["text"], application=data["application"],
                                              uploads=data["files"])
        except ValidationError as invalid:  # e.g. the files together are over the total limit
            form.add_error("files", invalid)
        else:
            messages.success(request, _("The appeal has been registered under number %(number)s.")
                             % {"number": appeal.number})
            return redirect("appeals:detail", pk=appeal.pk)
    # A browser cannot keep chosen files across a reload: the page says to choose them again.
    files_lost = request.method == "POST" and bool(request.FILES)
    return render(request, "appeals/new.html", {"form": form, "nav": "appeals", "files_lost": files_lost})


@login_required
def appeal_detail(request, pk):
    """Seed 003 fig. 16: the question, the answer with its files, the history."""
    appeal = _get_appeal_for_user(request, pk)
    return _render_detail(request, appeal, FollowUpForm() if appeal.is_open else None)


def _render_detail(request, appeal, follow_up_form):
    events = appeal.events.select_related("actor").prefetch_related("files")
    return render(request, "appeals/detail.html", {
        "appeal": appeal, "events": events, "follow_up_form": follow_up_form, "nav": "appeals",
        "files": list(appeal.files.all()),
    })


@login_required
@require_POST
def follow_up(request, pk):
    appeal = _get_appeal_for_user(request, pk)
    if not appeal.is_open:
        messages.error(request, _("The appeal has already been answered; send a new appeal if needed."))
        return redirect("appeals:detail", pk=pk)
    form = FollowUpForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.appeal_follow_up(appeal=appeal, actor=request.user, text=form.cleaned_data["text"],
                                      uploads=form.cleaned_data["files"])
        except services.FollowUpRefused:
            messages.error(request, _("The appeal has already been answered; send a new appeal if needed."))
            return redirect("appeals:detail", pk=pk)
        except ValidationError as invalid:
            form.add_error("files", invalid)
        else:
            messages.success(request, _("Your message has been added to the appeal."))
            return redirect(reverse("appeals:detail", args=[pk]) + "#history")
    return _render_detail(request, appeal, form)


@login_required
def file_download(request, pk, file_pk):
    appeal = _get_appeal_for_user(request, pk)
    appeal_file = get_object_or_404(appeal.files, pk=file_pk)
    record_access(request, appeal_file, what="appeal_file")
    return file_response(appeal_file.file, filename=appeal_file.original_name, size=appeal_file.size)
