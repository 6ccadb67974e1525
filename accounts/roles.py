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
    return user.groups.filter(name__in=STAFF_GROUPS).exists()
