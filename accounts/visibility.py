"""Which people a staff member may look at in the admin (users, their e-mail addresses, their messages).

A staff member is attached to branches (Branch.staff); the domain apps own the cases that tie a person to
a branch (applications, appeals), so each app registers here a function `staff_user -> queryset of
user ids` in its AppConfig.ready; accounts imports no domain app (see pyproject's import contracts).
Superusers see everyone; everyone sees themselves.
"""

_providers = []


def register(provider):
    """`provider(staff_user)` returns a queryset of the ids (`values("…")`) of users it makes visible."""
    if provider not in _providers:
        _providers.append(provider)


def users_for_staff(users, staff_user):
    """`users` (a User queryset) narrowed to those `staff_user` may see; none for a non-staff user."""
    if not staff_user.is_authenticated or not staff_user.is_staff:
        return users.none()
    if staff_user.is_superuser:
        return users
    visible = users.filter(pk=staff_user.pk)
    for provider in _providers:
        visible = visible | users.filter(pk__in=provider(staff_user))
    return visible.distinct()
