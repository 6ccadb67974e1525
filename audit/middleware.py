"""Request-wide audit context and response headers for personal data."""

from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control


def client_ip(request):
    """The client's address: REMOTE_ADDR, or behind the TLS proxy (BEHIND_TLS_PROXY) the last address
    the proxy appended to X-Forwarded-For (earlier ones are whatever the client sent)."""
    forwarded = request.headers.get("X-Forwarded-For", "")
    if forwarded and getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        return forwarded.split(",")[-1].strip() or request.META.get("REMOTE_ADDR")
    return request.META.get("REMOTE_ADDR")


class AuditMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware: every change a request makes is logged with its actor and address.

    The actor is handed over unevaluated (request.user is lazy), so a page served from the page cache
    still costs no SQL; auditlog resolves it only when an entry is written.
    """

    @staticmethod
    def _get_remote_addr(request):
        return client_ip(request)

    def get_extra_data(self, request):
        return {"remote_addr": client_ip(request), "remote_port": None, "actor": request.user}


class NoStoreMiddleware:
    """Every answer to a logged-in user may carry personal data (pages, fragments, files, ZIPs): no
    browser or proxy keeps a copy (Cache-Control: no-store, private). Anonymous pages are untouched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
