"""The «Приём документов» workspace of the front-office role (seed 004 §3)."""

import uuid
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from audit.access import record_access
from frontoffice import services, staging, suggestions
from frontoffice.forms import Attachments, IntakeForm
from frontoffice.models import Intake, Service
from frontoffice.querysets import is_operator
from portal.storage import file_response


def front_office_only(view):
    """Operators of the front office (and superusers); everyone else gets 404, as for others' objects."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_operator(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


@front_office_only
def catalogue(request):
    services_list = (Service.objects.for_operator(request.user).filter(is_active=True).select_related("branch")
                     .prefetch_related("documents"))
    return render(request, "frontoffice/catalogue.html", {"services": services_list, "nav": "staff"})


def _described(names, post, prefix):
    """[(item, description, kind)] for each item, in step with the POST's lists `<prefix>descriptions`
    and `<prefix>kinds`; a missing description or kind is "" (a form sent without JavaScript), so the
    item is kept and asks for its description instead of being dropped."""
    descriptions, kinds = post.getlist(f"{prefix}descriptions"), post.getlist(f"{prefix}kinds")
    return [(item, descriptions[i] if i < len(descriptions) else "", kinds[i] if i < len(kinds) else "")
            for i, item in enumerate(names)]


def _attachments(request, service):
    """Keep the files this POST brought (each checked; a refused one gets its reason), join them to the
    ones kept from an earlier refused POST, and read the descriptions and document kinds of all."""
    post, operator = request.POST, request.user
    kept = {str(item.token): item for item in staging.staged_of(operator=operator, tokens=post.getlist("staged"))}
    entries = [(kept[token], description, kind)
               for token, description, kind in _described(post.getlist("staged"), post, "staged_")
               if token in kept]
    refused = []
    for uploaded, description, kind in _described(request.FILES.getlist("files"), post, ""):
        try:
            entries.append((staging.staged_keep(operator=operator, uploaded=uploaded), description, kind))
        except ValidationError as error:
            refused.append((uploaded.name, " ".join(error.messages)))
    return Attachments(service=service, entries=entries, refused=refused)


def _with_map_policy(response):
    """The tile server's origin joins img-src for this page only."""
    tile_url = settings.FRONTOFFICE_TILE_URL
    if tile_url:
        origin = "/".join(tile_url.split("/")[:3])
        response.headers["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY.replace(
            "img-src 'self'", f"img-src 'self' {origin}")
    return response


def _register(request, service, form, attachments):
    """Returns the intake, or None with the reason put on the attachments (a file refused when stored)."""
    data = form.cleaned_data
    applicant = data["applicant"] or services.applicant_add(name=data["new_name"], inn=data["new_inn"],
                                                            ogrn=data["new_ogrn"], snils=data["new_snils"])
    try:
        intake, created = services.intake_register(
            operator=request.user, service=service, applicant=applicant, data=data,
            files=attachments.as_files(staging.staged_as_upload), submission_key=data["submission_key"])
    except ValidationError as error:
        attachments.refused.append(("", " ".join(error.messages)))
        return None
    staging.staged_discard([item["staged"] for item in attachments.items])
    messages.success(request, services.registered_message(intake, created))
    return intake


@front_office_only
@never_cache
def intake_new(request, service_pk):
    visible = Service.objects.for_operator(request.user).filter(is_active=True)
    service = get_object_or_404(visible.select_related("branch"), pk=service_pk)
    attachments = None
    if request.method == "POST":
        form = IntakeForm(request.POST, service=service)
        attachments = _attachments(request, service)
        if form.is_valid() and attachments.is_valid():
            intake = _register(request, service, form, attachments)
            if intake is not None:
                return redirect("frontoffice:intake", pk=intake.pk)
    else:
        staging.staged_purge(operator=request.user)
        form = IntakeForm(initial={"submission_key": uuid.uuid4()}, service=service)
    documents = list(service.documents.all())
    return _with_map_policy(render(request, "frontoffice/intake_form.html", {
        "service": service, "form": form, "attachments": attachments, "documents": documents, "nav": "staff",
        "document_choices": [{"id": document.pk, "name": document.name} for document in documents],
        "tile_url": settings.FRONTOFFICE_TILE_URL, "tile_attribution": settings.FRONTOFFICE_TILE_ATTRIBUTION,
        "map_center": settings.FRONTOFFICE_MAP_CENTER,
    }))


@login_required
@never_cache
def intake_detail(request, pk):
    """For the front office of the service's city and the case's executor; 404 for everyone else. Each
    opening is an access row in the audit (the representative's passport is on the page)."""
    visible = Intake.objects.for_viewer(request.user)
    related = ("service", "applicant", "application", "appeal", "operator", "executor", "address")
    intake = get_object_or_404(visible.select_related(*related), pk=pk)
    record_access(request, intake, what="intake")
    return render(request, "frontoffice/intake_detail.html", {
        "intake": intake, "attachments": intake.attachments.select_related("document", "appeal_file",
                                                                            "document_kind"),
        "visits": services.visits_of(intake.applicant, viewer=request.user), "nav": "staff",
        "is_operator": is_operator(request.user),
    })


@login_required
def attachment_download(request, pk, attachment_pk):
    """A file kept with the intake (a power of attorney: ServiceDocument.is_personal), for the intake's
    viewers only (404 for everyone else, the applicant included); each download is an access row."""
    intake = get_object_or_404(Intake.objects.for_viewer(request.user), pk=pk)
    attachment = get_object_or_404(intake.attachments.exclude(file=""), pk=attachment_pk)
    record_access(request, attachment, what="intake_file")
    return file_response(attachment.file, filename=attachment.original_name, size=attachment.size)


def _suggest(request, kind):
    return JsonResponse({"results": suggestions.suggest(request, kind)})


@front_office_only
@require_GET
def suggest_organisations(request):
    return _suggest(request, "organisation")


@front_office_only
@require_GET
def suggest_passports(request):
    return _suggest(request, "passport")


@front_office_only
@require_GET
def suggest_names(request):
    return _suggest(request, "name")


def dashboard_panel(request):
    """The operator's way to the services; an executor's list of the cases the front office gave them."""
    if is_operator(request.user):
        return {"template": "frontoffice/panel.html"}
    # Most staff have no case from the front office: a query of ids tells, before the query that
    # joins four tables (issue 18: building that one cost the dashboard more than running it).
    first_ids = list(Intake.objects.filter(executor=request.user).values_list("pk", flat=True)[:10])
    if not first_ids:
        return None
    assigned = Intake.objects.filter(pk__in=first_ids).select_related("service", "application", "appeal", "applicant")
    return {"template": "frontoffice/assigned_panel.html", "assigned": assigned}
