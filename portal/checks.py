"""System checks of the production configuration (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def email_configured(app_configs=None, **kwargs):
    """With DEBUG=false and no EMAIL_URL, password-reset links and confirmation letters would go to the
    worker's console, silently. The console is allowed only when chosen explicitly (EMAIL_URL=console://)."""
    if settings.DEBUG or getattr(settings, "EMAIL_URL_EXPLICIT", True):
        return []
    return [Error(
        "EMAIL_URL is not set while DEBUG is off: letters (password reset, confirmations) would be printed "
        "to the worker's console instead of being sent.",
        hint="Set EMAIL_URL=smtp://user:password@host:587?tls=true, or EMAIL_URL=console:// to print them on purpose.",
        id="portal.E001",
    )]
