from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from audit.forms import AuditSearchForm
from audit.presenting import rows_for
from audit.search import audit_search

PER_PAGE = 50


@require_safe  # the audit is read here and written only by the portal: no form posts anything
@login_required
@permission_required("audit.view_audit", raise_exception=True)
def audit_log(request):
    """The security officer's page (group "Security officers"): search by who acted and whose data."""
    form = AuditSearchForm(request.GET or None)
    entries = audit_search(**form.cleaned_data) if form.is_valid() else audit_search()
    if form.is_bound and not form.is_valid():
        entries = entries.none()
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "audit/log.html", {
        "form": form, "page_obj": page, "rows": rows_for(page.object_list), "nav": "audit",
        "retention_days": settings.AUDIT_RETENTION_DAYS,
    })
