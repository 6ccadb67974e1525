"""`manage.py check --database`: accounts registered before logins lost "@" (issue 11)."""

from django.core import checks


@checks.register(checks.Tags.database)
def logins_with_at(app_configs=None, databases=None, **kwargs):
    """Such an account can log in only with its confirmed e-mail address; staff should rename it."""
    if not databases:
        return []
    from django.db import connections

    from accounts.models import User

    names = []
    for alias in databases:
        # `migrate` runs the database checks before the first migration made the table.
        if User._meta.db_table not in connections[alias].introspection.table_names():
            continue
        names += User.objects.using(alias).filter(username__contains="@").values_list("username", flat=True)[:20]
    if not names:
        return []
    return [checks.Warning(
        f"{len(names)}+ login(s) contain '@' (e.g. {', '.join(names[:5])}): they are read as e-mail addresses "
        "and log in only through a confirmed address.",
        hint="Rename them in the admin (Users) and tell their owners the new login.", id="accounts.W011")]
