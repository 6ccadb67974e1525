from django.contrib.auth.decorators import login_required, user_passes_test
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control

from accounts.roles import is_staff_member
from accounts.services import profile_is_complete
from portal import dashboard, pagecache
from portal import home as home_sections
from portal.models import Branch, NormativeDocument
from portal.production_calendar import missing_next_year


@pagecache.cached_page(home_sections.page_scopes)
def home(request):
    """The user's start page: what needs them now (portal.home sections); anonymous visitors see what
    the portal offers and how to begin."""
    sections = home_sections.sections_for(request)
    organisation = any(section.get("organisation") for section in sections)
    context = {"sections": sections, "organisation": organisation}
    if request.user.is_authenticated and request.user.is_applicant and not organisation:
        context["profile_complete"] = profile_is_complete(request.user)
    return render(request, "portal/home.html", context)


@pagecache.cached_page(dashboard.page_scopes)
@login_required
@user_passes_test(is_staff_member, login_url="home")
def staff_dashboard(request):
    return render(request, "portal/staff_dashboard.html", {
        "nav": "staff", "panels": dashboard.panels_for(request), "calendar_missing_year": missing_next_year()})


@cache_control(max_age=86400, public=True)
def favicon(request):
    """/favicon.ico: the portal's icon (static/portal/favicon.svg) for browsers that ask the root for it."""
    return redirect(static("portal/favicon.svg"), permanent=True)


def normative_documents(request, slug=None):
    """Seed 003 §3.4: the regulations each city's branch publishes, downloadable by anyone."""
    branches = Branch.objects.filter(is_active=True)
    branch = get_object_or_404(branches, slug=slug) if slug else branches.first()
    documents = NormativeDocument.objects.none()
    if branch:
        documents = NormativeDocument.objects.filter(Q(branch=branch) | Q(branch__isnull=True)).select_related("branch")
    return render(request, "portal/normative_documents.html", {
        "branches": branches, "branch": branch, "documents": documents, "nav": "documents",
    })
