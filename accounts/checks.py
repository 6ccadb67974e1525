"""`manage.py check --database`: accounts registered before logins lost "@" (issue 11)."""

from django.core import checks


@checks.register(checks.Tags.database)
def logins_with_at(app_configs=None, databases=None, **kwargs):
    """Such an account can log in only with its confirmed e-mail address; staff should rename it."""
    if not databases:
        return []
    from accounts.models import User

    names = list(User.objects.filter(username__contains="@").values_list("username", flat=True)[:20])
    if not names:
        return []
    return [checks.Warning(
        f"{len(names)}+ login(s) contain '@' (e.g. {', '.join(names[:5])}): they are read as e-mail addresses "
        "and log in only through a confirmed address.",
        hint="Rename them in the admin (Users) and tell their owners the new login.", id="accounts.W011")]
