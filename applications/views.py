from functools import partial
from urllib.parse import urlencode

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applications import listing, services
from applications.detail_loading import applicant_application
from applications.documents_html import documents_html
from applications.forms import ApplicationForm, CommentForm, DocumentUploadForm, FilterForm, StartForm, document_slots
from applications.models import Application, Status
from applications.models.application import TransitionNotAllowed
from applications.receipt import receipt_pdf
from applications.summary_html import summary_html
from audit.access import record_access
from portal import pagecache
from portal.history_html import history_table_html
from portal.kept import remembered
from portal.storage import file_response, open_stream
from portal.workflow import EditNotAllowed
from portal.zipstream import zip_response

PAGE_SIZE = 20


def _get_application_for_user(request, pk, *, documents=False):
    """The one access rule for applicant pages: someone else's application does not exist (404).
    The application comes with its branch and, if `documents`, its documents (detail_loading)."""
    return applicant_application(request.user, pk, documents=documents)


@pagecache.cached_page(pagecache.own_data_scopes)
@login_required
def application_list(request):
    filter_form = FilterForm(request.GET or None)
    # Each row's history is fetched when the row is expanded (application_history), so the list
    # stays cheap however long the histories are. The rows are plain values (applications.listing),
    # read with SQL the ORM wrote once per process.
    applications = listing.ApplicantRows(request.user, filter_form.filters())
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = listing.list_rows(page.object_list)
    return render(request, "applications/list.html", {
        "nav": "applications", "filter_form": filter_form, "page_obj": page,
        "rows_html": listing.rows_html(page.object_list),
    })


@login_required
def application_history(request, pk):
    """The history rows of one application, for the list's expandable row (seed 001 fig. 10)."""
    application = _get_application_for_user(request, pk)
    return HttpResponse(history_table_html(listing.history_rows(application)))


@login_required
def application_new(request):
    form = StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        application, created = services.application_start(applicant=request.user, **form.cleaned_data)
        if not created:
            messages.info(request, _("You already have a draft of this kind: it has been opened."))
        return redirect("applications:detail", pk=application.pk)
    drafts = Application.objects.for_applicant(request.user).filter(status=Status.DRAFT).select_related("branch")
    return render(request, "applications/new.html", {"form": form, "drafts": drafts, "nav": "applications"})


@pagecache.cached_page(pagecache.own_data_scopes)
@login_required
def application_detail(request, pk):
    application = _get_application_for_user(request, pk, documents=True)
    form = ApplicationForm(instance=application) if application.is_editable else None
    return _render_detail(request, application, form)


def _render_detail(request, application, form, upload_form=None, refusal=None):
    return render(request, "applications/detail.html", {
        "application": application, "form": form, "nav": "applications",
        "history_html": history_table_html(listing.history_rows(application)),
        # The forms only where the page shows them (an editable draft, a withdrawable application):
        # building a form copies its fields, which most visits never display (issue 18).
        "documents_html": documents_html(request, application, document_slots(application),
                                         upload_form or (DocumentUploadForm() if application.is_editable else None)),
        "refusal": refusal,
        "withdraw_form_html": _withdraw_form_html() if application.can_withdraw else "",
        "summary_html": "" if form else summary_html(application),
    })


def _withdraw_form_html():
    """The withdrawal form's fields as `{{ form|crispy }}` renders an empty CommentForm. It is the same
    on every page (no value, no error; the CSRF token is outside it), so it is rendered once per
    process and language: crispy's field templates cost ~1.6 ms of the page (issue 18)."""
    return remembered(_KEPT_WITHDRAW_FORMS, get_language(), lambda: as_crispy_form(CommentForm()), limit=16)


_KEPT_WITHDRAW_FORMS = {}


@login_required
@require_POST
def application_save(request, pk):
    """"Сохранить черновик" keeps whatever is filled in; "Подать заявку" also runs the gate."""
    application = _get_application_for_user(request, pk)
    if not application.is_editable:
        messages.error(request, _("The application cannot be edited in its current status."))
        return redirect("applications:detail", pk=pk)
    form = ApplicationForm(request.POST, instance=application)
    if not form.is_valid():
        messages.error(request, _("Some fields are filled in incorrectly: see the messages under them."))
        return _render_detail(request, application, form)
    try:
        # Only what the applicant changed, on the locked row: a save that raced a withdrawal or a
        # rejection can no longer write the old status back (issue 12 §2).
        services.application_update(application=application,
                                    values={name: form.cleaned_data[name] for name in form.changed_data})
    except EditNotAllowed as refusal:
        messages.error(request, str(refusal))
        return redirect("applications:detail", pk=pk)
    if "submit" not in request.POST:
        messages.success(request, _("The draft has been saved."))
        return redirect("applications:detail", pk=pk)
    return _submit(request, application, form)


def _submit(request, application, form):
    try:
        services.application_submit(application=application, actor=request.user)
    except services.SubmissionRefused as refusal:
        if refusal.profile_incomplete:
            messages.warning(request, _("Fill in the profile before submitting an application. Missing: %(items)s.")
                             % {"items": ", ".join(refusal.items)})
            back = reverse("applications:detail", args=[application.pk])
            return redirect(reverse("accounts:profile") + "?" + urlencode({"next": back}))
        return _render_detail(request, application, form, refusal=refusal)
    except TransitionNotAllowed as error:
        messages.error(request, _("The application is already “%(status)s”.") % {"status": error.status})
        return redirect("applications:detail", pk=application.pk)
    return redirect("applications:receipt_page", pk=application.pk)


@login_required
def receipt_page(request, pk):
    application = _get_application_for_user(request, pk)
    if not application.number:
        raise Http404
    return render(request, "applications/receipt.html", {"application": application, "nav": "applications"})


@login_required
def receipt_download(request, pk):
    application = _get_application_for_user(request, pk)
    if not application.number:
        raise Http404
    record_access(request, application, what="receipt")
    response = HttpResponse(receipt_pdf(application), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="receipt-{application.number}.pdf"'
    return response


@login_required
@require_POST
def document_upload(request, pk):
    """Works for the page script (JSON, file uploaded as soon as chosen) and for a plain form post."""
    application = _get_application_for_user(request, pk)
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    form = DocumentUploadForm(request.POST, request.FILES)
    error = _upload_error(application, form)
    if error is None:
        try:
            document = services.document_add(application=application, uploaded_file=form.cleaned_data["file"],
                                              slot=form.cleaned_data["slot"], actor=request.user)
        except ValidationError as invalid:
            error = " ".join(invalid.messages)
        except EditNotAllowed as refusal:
            error = str(refusal)
    if wants_json:
        if error:
            return JsonResponse({"ok": False, "error": error}, status=400)
        return JsonResponse({"ok": True, "id": document.pk, "name": document.original_name,
                             "url": reverse("applications:document_download", args=[pk, document.pk]),
                             "message": _("The file “%(name)s” has been uploaded.") % {"name": document.original_name}})
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("The file “%(name)s” has been uploaded.") % {"name": document.original_name})
    return redirect(reverse("applications:detail", args=[pk]) + "#documents")


def _upload_error(application, form):
    if not application.is_editable:
        return _("Documents cannot be added in the current status of the application.")
    if not form.is_valid():
        return " ".join(message for errors in form.errors.values() for message in errors)
    return None


@login_required
@require_POST
def document_delete(request, pk, document_pk):
    application = _get_application_for_user(request, pk)
    document = get_object_or_404(application.documents, pk=document_pk)
    if not application.is_editable:
        messages.error(request, _("Documents cannot be removed in the current status of the application."))
    else:
        try:
            services.document_remove(document=document, actor=request.user)
        except EditNotAllowed as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("The file “%(name)s” has been removed.") % {"name": document.original_name})
    return redirect(reverse("applications:detail", args=[pk]) + "#documents")


@login_required
def document_download(request, pk, document_pk):
    application = _get_application_for_user(request, pk)
    document = get_object_or_404(application.documents, pk=document_pk)
    record_access(request, document, what="document")
    return file_response(document.file, filename=document.original_name, size=document.size)


@login_required
def documents_zip(request, pk):
    """Seed 003: all documents of the application in one ZIP, streamed with constant memory."""
    application = _get_application_for_user(request, pk)
    entries = [(document.original_name, partial(open_stream, document.file))
               for document in application.documents.all()]
    record_access(request, application, what="zip")
    return zip_response(entries, f"{application.number or application.pk}.zip")


@login_required
@require_POST
def application_withdraw(request, pk):
    application = _get_application_for_user(request, pk)
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        application.withdraw(actor=request.user, comment=comment or _("Withdrawn by the applicant."))
    except TransitionNotAllowed as error:
        messages.error(request, _("The application is already “%(status)s”: it cannot be withdrawn.")
                       % {"status": error.status})
    else:
        messages.success(request, _("The application has been withdrawn."))
    return redirect("applications:detail", pk=pk)


@login_required
@require_POST
def draft_delete(request, pk):
    application = _get_application_for_user(request, pk)
    try:
        services.application_draft_delete(application=application)
    except EditNotAllowed as refusal:
        messages.error(request, str(refusal))
        return redirect("applications:detail", pk=pk)
    messages.success(request, _("The draft has been deleted."))
    return redirect("applications:list")
