"""The page shown when a form's CSRF token no longer matches (issue 11 item 6).

The usual cause is harmless: the user logged out and in again in another tab (a login rotates the
token) or the session ran out while a long form was open. Django's own page is English-styled and talks
about DEBUG; this one says in Russian what happened and how to go back. Nothing was saved; the text of
the form's text areas is kept in the browser (static/accounts/drafts.js) and comes back on the form.
"""

from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


def csrf_failure(request, reason=""):
    referer = request.META.get("HTTP_REFERER", "")
    back = referer if url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()},
                                                        require_https=request.is_secure()) else ""
    response = render(request, "403_csrf.html", {"back_url": back}, status=403)
    response["Cache-Control"] = "no-store"
    return response
