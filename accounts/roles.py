"""Staff roles are Django groups created by a data migration (see accounts/migrations)."""

UTILITY_STAFF = "Utility staff"
MUNICIPAL_REVIEWERS = "Municipal reviewers"
FRONT_OFFICE = "Front office"
STAFF_GROUPS = (UTILITY_STAFF, MUNICIPAL_REVIEWERS, FRONT_OFFICE)


def is_staff_member(user):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    # Asked on every page for the menu: remember the answer on the user object for this request.
    if not hasattr(user, "_is_staff_member"):
        user._is_staff_member = user.groups.filter(name__in=STAFF_GROUPS).exists()
    return user._is_staff_member
