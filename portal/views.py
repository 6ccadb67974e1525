from django.contrib.auth.decorators import login_required, user_passes_test
from django.shortcuts import render

from accounts.roles import is_staff_member


def home(request):
    """The applicant's start page; anonymous visitors see what the portal offers and how to begin."""
    return render(request, "portal/home.html")


@login_required
@user_passes_test(is_staff_member, login_url="home")
def staff_dashboard(request):
    return render(request, "portal/staff_dashboard.html")
