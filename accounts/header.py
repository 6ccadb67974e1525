"""The page header (the portal's main menu) written in Python: every page has it, and rendered by the
template engine it was ~11% of the applicant's list page (issue 18: about 60 template nodes, a dozen
`{% url %}` and `{% translate %}`). The same HTML as the header templates/layout.html had, but for the
whitespace between tags: a test renders both for every kind of user.

What it shows (seed 003 "Личный кабинет"): for an applicant their applications, appeals, organisation
(legal entities and sole proprietors), settings; for everyone logged in the normative documents and
the e-signature check, the audit log for staff with `audit.view_audit`, the workplace for staff
members, the admin for `is_staff`; the ESIA role switch for a session that came through ESIA; the
user's name (a link to the profile for an applicant) and the logout button. Anonymous visitors get the
documents, the e-signature check, the agreement form, log in and register.
"""

import functools

from django.middleware.csrf import get_token
from django.template import engines
from django.urls import get_script_prefix, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from portal.html_text import escape

_URL_NAMES = ("home", "applications:list", "appeals:list", "agreements:mine", "accounts:settings",
              "normative_documents", "signing:check", "audit:log", "staff_dashboard", "admin:index",
              "accounts:profile", "account_logout", "agreements:new", "account_login", "account_signup")
_ORGANISATION_NAVS = ("agreement", "addresses", "passports")


@functools.lru_cache(maxsize=8)
def _urls(script_prefix):
    """{url name: path} for this script prefix: reversed once, not on every page."""
    return {name: escape(reverse(name)) for name in _URL_NAMES}


@functools.cache
def _role_switch_template():
    # The ESIA switch stays the template tag (accounts/esia/templates/esia/role_switch.html, empty
    # unless the session came through ESIA), rendered with the page's own context.
    return engines["django"].from_string("{% load esia_roles %}{% esia_role_switch %}").template


def header_html(context):
    """The <header> for the template `context` of a page (RequestContext: request, user, perms,
    portal_name, show_staff_link; the page's `nav` marks the current item)."""
    request, user = context["request"], context["user"]
    urls = _urls(get_script_prefix())
    if user.is_authenticated:
        menu = _user_menu(context, request, user, urls)
    else:
        menu = '<ul class="navbar-nav ms-auto">' + "".join(
            f'<li class="nav-item"><a class="nav-link" href="{urls[name]}">{escape(text)}</a></li>'
            for name, text in (("normative_documents", gettext("Documents")),
                               ("signing:check", gettext("E-signature check")),
                               ("agreements:new", gettext("Conclude an agreement")),
                               ("account_login", gettext("Log in")), ("account_signup", gettext("Register")))) + "</ul>"
    return mark_safe(
        f'<header><nav class="navbar navbar-expand-xl navbar-dark bg-primary-portal" '
        f'aria-label="{escape(gettext("Main menu"))}"><div class="container-fluid navbar-container">'
        f'<a class="navbar-brand fw-semibold" href="{urls["home"]}">{escape(context.get("portal_name", ""))}</a>'
        f'<button class="navbar-toggler" type="button" data-bs-toggle="collapse" data-bs-target="#main-menu" '
        f'aria-controls="main-menu" aria-expanded="false" aria-label="{escape(gettext("Show menu"))}">'
        f'<span class="navbar-toggler-icon"></span></button>'
        f'<div class="collapse navbar-collapse" id="main-menu">{menu}</div></div></nav></header>'
    )


def _user_menu(context, request, user, urls):
    nav = context.get("nav")
    items = []

    def item(name, text, active):
        css = "nav-link active" if active else "nav-link"
        items.append(f'<li class="nav-item"><a class="{css}" href="{urls[name]}">{escape(text)}</a></li>')

    if user.is_applicant:
        item("applications:list", gettext("Applications"), nav == "applications")
        item("appeals:list", gettext("Appeals"), nav == "appeals")
        if user.applicant_type in ("legal", "entrepreneur"):
            item("agreements:mine", gettext("Organisation"), nav in _ORGANISATION_NAVS)
        item("accounts:settings", gettext("Settings"), nav == "settings")
    item("normative_documents", gettext("Documents"), nav == "documents")
    item("signing:check", gettext("E-signature"), nav == "signing")
    if user.is_staff and user.has_perm("audit.view_audit"):
        item("audit:log", gettext("Audit"), nav == "audit")
    if context.get("show_staff_link"):
        item("staff_dashboard", gettext("Workplace"), nav == "staff")
    if user.is_staff:
        items.append(f'<li class="nav-item"><a class="nav-link" href="{urls["admin:index"]}">'
                     f'{escape(gettext("Administration"))}</a></li>')
    name = escape(user.display_name)
    if user.is_applicant:
        who = f'<a class="nav-link user-name" href="{urls["accounts:profile"]}" title="{name}">{name}</a>'
    else:
        who = f'<span class="navbar-text user-name" title="{name}">{name}</span>'
    switch = _role_switch_template().render(context)
    return (
        f'<ul class="navbar-nav me-auto">{"".join(items)}</ul>'
        f'<ul class="navbar-nav ms-auto align-items-lg-center">{switch}<li class="nav-item">{who}</li>'
        f'<li class="nav-item"><form method="post" action="{urls["account_logout"]}" class="d-inline">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(get_token(request))}">'
        f'<button type="submit" class="btn btn-link nav-link">{escape(gettext("Log out"))}</button></form></li></ul>'
    )
