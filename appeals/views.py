from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def appeal_list(request):
    # Appeals, their form and answers arrive with the appeals issue.
    return render(request, "appeals/list.html", {"nav": "appeals"})
