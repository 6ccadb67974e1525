"""Template helpers for the signing pages: CryptoPro's own script when present, and the JS messages."""

import functools

from django import template
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils.html import format_html, json_script
from django.utils.translation import gettext as _

register = template.Library()

# CryptoPro's cadesplugin_api.js is CryptoPro's file and is not committed; operators put it here.
VENDOR_SCRIPT = "vendor/cadesplugin_api.js"


@functools.lru_cache(maxsize=1)
def vendor_script_present():
    return bool(finders.find(VENDOR_SCRIPT))


@register.simple_tag
def cadesplugin_vendor_script():
    """<script> for cadesplugin_api.js if the operator installed it, else nothing (the page then says so)."""
    if not vendor_script_present():
        return ""
    return format_html('<script src="{}"></script>', static(VENDOR_SCRIPT))


# CryptoPro's installation instructions for the EDS Browser plug-in, per system.
PLUGIN_INSTALL_URLS = {
    "windows": "https://cpdn.cryptopro.ru/content/cades/plugin-installation-windows.html",
    "macos": "https://cpdn.cryptopro.ru/content/cades/plugin-installation-macos.html",
    "linux": "https://cpdn.cryptopro.ru/content/cades/plugin-installation-unix.html",
}


@register.simple_tag
def plugin_install_urls():
    return PLUGIN_INSTALL_URLS


@register.simple_tag
def has_cadesplugin_vendor_script():
    return vendor_script_present()


def script_messages():
    """Everything the page scripts say to people, translated here ({name}-style placeholders)."""
    return {
        "checking": _("Checking the CryptoPro plug-in…"),
        "installed": _("The CryptoPro EDS Browser plug-in is installed and working."),
        "not_installed": _("The CryptoPro EDS Browser plug-in is not installed or is turned off in this browser."),
        "no_api": _("The page cannot reach the plug-in: the portal's connection script for it is not installed. "
                    "Please tell the support service."),
        "no_certificates": _("The plug-in sees no certificate that is valid now and has a private key. Insert the "
                             "key carrier (token) or install the certificate into the personal store."),
        "certificates_error": _("The list of certificates could not be read: {error}"),
        "choose_certificate": _("Choose a certificate"),
        "owner": _("Owner"),
        "issuer": _("Issued by"),
        "validity": _("valid from {start} to {end}"),
        "valid_until": _("valid until {end}"),
        "unknown": _("unknown"),
        "downloading": _("Downloading “{name}”…"),
        "hashing": _("Computing the hash of “{name}” ({percent}%)…"),
        "signing": _("Signing “{name}”… Confirm in the plug-in's window if it asks."),
        "sending": _("Sending the signature of “{name}”…"),
        "failed": _("“{name}” is not signed: {error}"),
        "server_error": _("The portal did not accept the signature (error {status}). Try again later."),
        "open_report": _("Open the report"),
        "all_done": _("All documents are signed."),
        "no_certificate_chosen": _("Choose a certificate first."),
    }


@register.simple_tag
def signing_script_messages():
    return json_script(script_messages(), "signing-messages")
