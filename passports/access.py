"""Who may open the organisation's passport pages: a logged-in account with an agreement in force.
Anyone else gets a polite page saying an agreement is needed (not a bare 403)."""

from django.shortcuts import get_object_or_404

from agreements import access as agreements_access
from passports.models import Passport
from portal.reviewing import permission_required

organisation_required = agreements_access.organisation_required("passports")


def get_passport_for_organisation(request, pk):
    """The organisation's own passport; another organisation's is a 404, as if it did not exist."""
    queryset = Passport.objects.of_organisation(request.user).select_related("address", "replaces")
    return get_object_or_404(queryset, pk=pk)


reviewer_required = permission_required("passports.change_passport")


def get_passport_for_reviewer(request, pk):
    queryset = Passport.objects.for_reviewer(request.user).select_related("address", "organisation", "replaces")
    return get_object_or_404(queryset, pk=pk)
