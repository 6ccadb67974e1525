from accounts.roles import is_staff_member


def portal(request):
    user = getattr(request, "user", None)
    return {
        "portal_name": "Портал подключения",
        "show_staff_link": bool(user and user.is_authenticated and is_staff_member(user)),
    }
