"""Rendered pages of logged-in users, kept in the shared cache until something they show changes.

A page is cached for one user, one session's CSRF secret, one language, one URL and one day, under the
current *versions* of the scopes it depends on ("user:7" for an applicant's own applications, profile
and permissions, "applications" for every application, "reference" for branches, deadline rules and
the calendar). Every write to a model a page shows replaces the version of its scopes when the
transaction commits (see `invalidate` and the receivers in the apps' `pagecache.py`), so the next
request renders afresh; nothing is ever served after its data changed, and the TTL only bounds memory.

A hit costs a few cache round trips and no SQL at all: with sessions in the cache (cached_db) and the
user read through `accounts.backends` from the cache, that is what lets the busiest pages answer at a
fraction of their rendering cost (bench/applications.py).

Only safe answers are cached: GET, 200, no new cookie, no flash message waiting or added, and only when
the CSRF cookie exists (a page's forms carry a token of that secret, so the secret is in the key).
The cache must be shared by every process (Redis): PAGE_CACHE_ENABLED is on only with REDIS_URL.
"""

import hashlib
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers

from portal.cache import epoch

REFERENCE = "reference"
APPLICATIONS = "applications"
_VERSION_KEY = "page-scope:{}"
_PAGE_KEY = "page:{}"


def user_scope(user_id):
    return f"user:{user_id}"


def own_data_scopes(request, *args, **kwargs):
    """Scopes of a page that shows only the user's own rows (applications, profile) and reference data."""
    return [REFERENCE, user_scope(request.user.pk)]


def enabled():
    return getattr(settings, "PAGE_CACHE_ENABLED", False)


def invalidate(*scopes):
    """Give each scope a new version once the current transaction commits (at once outside one), so
    a page rendered from the old rows can no longer be found."""
    scopes = [scope for scope in scopes if scope]
    if not scopes or not enabled():
        return

    def replace_versions():
        cache.set_many({_VERSION_KEY.format(scope): uuid.uuid4().hex for scope in scopes}, timeout=None)

    transaction.on_commit(replace_versions)


def _versions(scopes):
    keys = [_VERSION_KEY.format(scope) for scope in scopes]
    found = cache.get_many(keys)
    missing = {key: uuid.uuid4().hex for key in keys if key not in found}
    if missing:
        # add(), not set(): a version another process has just replaced is never put back.
        for key, value in missing.items():
            cache.add(key, value, timeout=None)
        found.update(cache.get_many(list(missing)))
    return [found.get(key, "") for key in keys]


def _pending_messages(request):
    storage = getattr(request, "_messages", None)
    return bool(storage and (storage._queued_messages or storage._loaded_messages))


def _page_key(request, scopes):
    csrf_secret = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    parts = [settings.PAGE_CACHE_CODE_VERSION, epoch(), str(request.user.pk), csrf_secret, translation.get_language(),
             timezone.localdate().isoformat(), request.get_full_path(), *scopes, *_versions(scopes)]
    return _PAGE_KEY.format(hashlib.sha256("\x1f".join(parts).encode()).hexdigest())


def _cacheable_request(request):
    return (enabled() and request.method == "GET" and request.user.is_authenticated
            and settings.CSRF_COOKIE_NAME in request.COOKIES and not _pending_messages(request))


def _only_refreshes_csrf_cookie(request, response):
    """The admin's csrf_protect re-sends the CSRF cookie it was given, to extend its life: harmless."""
    name = settings.CSRF_COOKIE_NAME
    return all(key == name and morsel.value == request.COOKIES.get(name) for key, morsel in response.cookies.items())


def _cacheable_response(request, response):
    return (response.status_code == 200 and not response.streaming and _only_refreshes_csrf_cookie(request, response)
            and not _pending_messages(request) and not response.has_header("Content-Disposition"))


def cached_page(scopes):
    """Decorator: `scopes(request, *args, **kwargs)` names what the page shows (see the module doc).
    Put it outside the view's access checks only where a change of access bumps one of the scopes."""

    def decorate(view):
        # Outside ATOMIC_REQUESTS, so that a hit does not even open a transaction (with
        # CONN_HEALTH_CHECKS that alone is a round trip to the database); a miss gets its own.
        @transaction.non_atomic_requests
        @wraps(view)
        def cached_view(request, *args, **kwargs):
            if not _cacheable_request(request):
                with transaction.atomic():
                    return view(request, *args, **kwargs)
            key = _page_key(request, list(scopes(request, *args, **kwargs)))
            stored = cache.get(key)
            if stored is not None:
                content, content_type = stored
                return _private(HttpResponse(content, content_type=content_type))
            with transaction.atomic():
                response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()  # TemplateResponse (the admin's pages)
            if _cacheable_response(request, response):
                cache.set(key, (response.content, response["Content-Type"]), settings.PAGE_CACHE_SECONDS)
            return _private(response)

        return cached_view

    return decorate


def _private(response):
    # One user's page, with personal data: kept by no proxy and no browser (a shared computer).
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    patch_vary_headers(response, ["Cookie"])
    return response
