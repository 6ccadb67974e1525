from django.contrib.auth.decorators import login_required, user_passes_test
from django.shortcuts import render

from accounts.roles import is_staff_member
from accounts.services import profile_is_complete


def home(request):
    """The applicant's start page; anonymous visitors see what the portal offers and how to begin."""
    context = {}
    if request.user.is_authenticated and request.user.is_applicant:
        context["profile_complete"] = profile_is_complete(request.user)
    return render(request, "portal/home.html", context)


@login_required
@user_passes_test(is_staff_member, login_url="home")
def staff_dashboard(request):
    return render(request, "portal/staff_dashboard.html", {"nav": "staff"})
