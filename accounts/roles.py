"""Staff roles are Django groups created by a data migration (see accounts/migrations)."""

UTILITY_STAFF = "Utility staff"
MUNICIPAL_REVIEWERS = "Municipal reviewers"
FRONT_OFFICE = "Front office"
STAFF_GROUPS = (UTILITY_STAFF, MUNICIPAL_REVIEWERS, FRONT_OFFICE)


GROUP_NAMES_ATTRIBUTE = "_group_names"


def group_names(user):
    """The names of the user's groups, read once per request (kept on the user object): the menu,
    the MFA rule and the dashboard panels each ask about a role on every page (issue 18)."""
    if not hasattr(user, GROUP_NAMES_ATTRIBUTE):
        names = user.groups.values_list("name", flat=True) if user.pk else ()
        setattr(user, GROUP_NAMES_ATTRIBUTE, frozenset(names))
    return getattr(user, GROUP_NAMES_ATTRIBUTE)


def in_group(user, *names):
    """Whether the user is in one of the groups `names`."""
    return user.is_authenticated and not group_names(user).isdisjoint(names)


def is_staff_member(user):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return in_group(user, *STAFF_GROUPS)
