"""The «Приём документов» workspace of the front-office role (seed 004 §3)."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from frontoffice import services
from frontoffice.forms import IntakeForm
from frontoffice.models import Intake, Service
from frontoffice.querysets import is_operator


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
    services_list = Service.objects.filter(is_active=True).select_related("branch")
    return render(request, "frontoffice/catalogue.html", {"services": services_list, "nav": "staff"})


def _files_and_errors(request):
    files = request.FILES.getlist("files")
    descriptions = [text.strip()[:300] for text in request.POST.getlist("descriptions")]
    if not files:
        return [], _("Attach the documents the representative brought.")
    if len(descriptions) != len(files) or not all(descriptions):
        return [], _("Describe every attached document.")
    return list(zip(files, descriptions, strict=True)), ""


def _with_map_policy(response):
    """The tile server's origin joins img-src for this page only."""
    tile_url = settings.FRONTOFFICE_TILE_URL
    if tile_url:
        origin = "/".join(tile_url.split("/")[:3])
        response.headers["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY.replace(
            "img-src 'self'", f"img-src 'self' {origin}")
    return response


@front_office_only
@never_cache
def intake_new(request, service_pk):
    service = get_object_or_404(Service.objects.filter(is_active=True).select_related("branch"), pk=service_pk)
    form = IntakeForm(request.POST or None)
    files_error = ""
    if request.method == "POST":
        files, files_error = _files_and_errors(request)
        if form.is_valid() and not files_error:
            data = form.cleaned_data
            applicant = data["applicant"] or services.applicant_add(
                name=data["new_name"], inn=data["new_inn"], ogrn=data["new_ogrn"])
            try:
                intake = services.intake_register(operator=request.user, service=service, applicant=applicant,
                                                  data=data, files=files)
            except ValidationError as error:
                files_error = " ".join(error.messages)
            else:
                messages.success(request, services.registered_message(intake))
                return redirect("frontoffice:intake", pk=intake.pk)
    return _with_map_policy(render(request, "frontoffice/intake_form.html", {
        "service": service, "form": form, "files_error": files_error, "nav": "staff",
        "tile_url": settings.FRONTOFFICE_TILE_URL, "tile_attribution": settings.FRONTOFFICE_TILE_ATTRIBUTION,
        "map_center": settings.FRONTOFFICE_MAP_CENTER,
    }))


@login_required
@never_cache
def intake_detail(request, pk):
    """For the front office and the case's executors; 404 for everyone else."""
    visible = Intake.objects.for_viewer(request.user)
    related = ("service", "applicant", "application", "appeal", "operator", "address")
    intake = get_object_or_404(visible.select_related(*related), pk=pk)
    return render(request, "frontoffice/intake_detail.html", {
        "intake": intake, "attachments": intake.attachments.select_related("document", "appeal_file"),
        "visits": services.visits_of(intake.applicant, viewer=request.user), "nav": "staff",
    })


def _suggest(request, kind, finder):
    query = request.GET.get("q", "")[:200]
    results = finder(query)
    if len(query.strip()) >= services.MIN_QUERY:
        services.lookup_record(operator=request.user, kind=kind, query=query, results=len(results))
    return JsonResponse({"results": results})


@front_office_only
@require_GET
def suggest_organisations(request):
    return _suggest(request, "organisation", services.organisation_suggestions)


@front_office_only
@require_GET
def suggest_passports(request):
    return _suggest(request, "passport", services.passport_suggestions)


@front_office_only
@require_GET
def suggest_names(request):
    return _suggest(request, "name", services.name_suggestions)


def dashboard_panel(request):
    if is_operator(request.user):
        return {"template": "frontoffice/panel.html"}
    return None
