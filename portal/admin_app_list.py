"""The admin's sections and models (its index and the navigation sidebar of every admin page), kept
per permission set, language and script prefix, and the sidebar's HTML with them (issue 18).

Django builds the list on every admin page: for each of the ~60 registered models it asks the model
admin five permission questions and reverses two URLs, which was about 5% of the staff queue. What it
shows depends only on what the user may do: every `has_*_permission` of the portal's model admins is
either Django's (the user's permissions) or a constant, and none overrides `has_module_permission` or
`get_model_perms` (a test checks both). The key is therefore the user's permission set (or "all" for
an active superuser), so a permission granted or taken shows on the next page, as before. The
sidebar's HTML (Django's admin/nav_sidebar.html, ~6% of the staff queue) depends on that list and on
the page's path (it marks the current section and model): it is kept per list key and path.
"""

from django.urls import get_script_prefix
from django.utils import translation

from portal.kept import remembered

_MAX_ENTRIES = 512
_kept = {}
_sidebars = {}


def install(site):
    """Wrap `site.get_app_list` (after the portal's other wrappers, admin_russian's merge included)."""
    site.get_app_list = _kept_app_list(site, site.get_app_list)


def _kept_app_list(site, original):
    def get_app_list(request, app_label=None):
        key = _key(site, request, app_label)
        if key is None:
            return original(request, app_label)
        apps = remembered(_kept, key, lambda: original(request, app_label), _MAX_ENTRIES)
        # Copies of the dictionaries: a caller may change what it got without changing the kept list.
        return [{**app, "models": [dict(model) for model in app["models"]]} for app in apps]

    return get_app_list


def _key(site, request, app_label):
    user = getattr(request, "user", None)
    if user is None or not user.is_active:
        return None
    permissions = "all" if user.is_superuser else frozenset(user.get_all_permissions())
    return (site.name, len(site._registry), permissions, translation.get_language(), get_script_prefix(), app_label)


def nav_sidebar_html(context, render):
    """The sidebar for the template `context` (an admin page's): kept, or `render()` and kept."""
    from django.contrib import admin

    request = context.get("request")
    key = _key(admin.site, request, None) if request is not None else None
    if key is None:
        return render()
    return remembered(_sidebars, (*key, request.path), render, _MAX_ENTRIES)


def clear():
    """Forget every kept list and sidebar (tests that register a model admin of their own)."""
    _kept.clear()
    _sidebars.clear()
