"""Template helpers of the accounts pages."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()

# Order matters: Edge, Opera and Yandex Browser also say "Chrome"; Chrome also says "Safari".
_BROWSERS = (("YaBrowser", "Яндекс Браузер"), ("Edg", "Edge"), ("OPR", "Opera"), ("Firefox", "Firefox"),
             ("Chrome", "Chrome"), ("Safari", "Safari"))
_SYSTEMS = (("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Windows", "Windows"),
            ("Mac OS X", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux"))


@register.filter
def device_name(user_agent):
    """"Firefox, Windows" from a User-Agent header: what a person recognises as their device."""
    user_agent = user_agent or ""
    browser = next((name for token, name in _BROWSERS if f"{token}/" in user_agent), None)
    system = next((name for token, name in _SYSTEMS if token in user_agent), None)
    parts = [part for part in (browser, system) if part]
    return ", ".join(parts) if parts else _("unknown device")


@register.simple_tag(takes_context=True)
def portal_header(context):
    """The page header with the main menu (accounts.header), for templates/layout.html."""
    from accounts.header import header_html

    return header_html(context)
