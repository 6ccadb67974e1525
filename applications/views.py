from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def application_list(request):
    # The full list, filters and the application form arrive with the applications issue.
    return render(request, "applications/list.html", {"nav": "applications"})
