"""Issue 12 §5: no browser or proxy keeps a copy of anything shown to a logged-in user (personal data):
every answer carries Cache-Control: no-store, private — pages, history fragments, downloads, ZIPs,
receipts — whether or not the page cache serves it (audit.middleware.NoStoreMiddleware)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from appeals.tests.factories import pdf_upload, registered
from applications.tests.factories import submitted
from signing.models import SignatureVerification

pytestmark = pytest.mark.django_db
SKIPPED_PREFIXES = ("/accounts/logout/", "/static/", "/media/")


def _plain_urls(resolver=None, prefix="/"):
    """Every URL of the portal that takes no argument (admin included)."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = str(pattern.pattern)
        if "<" in route or "(" in route:  # takes an argument
            continue
        path = prefix + route.lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            yield from _plain_urls(pattern, path)
        elif isinstance(pattern, URLPattern) and not path.startswith(SKIPPED_PREFIXES):
            yield path


def _personal_urls(applicant):
    application = submitted(applicant=applicant)
    document = application.documents.first()
    appeal = registered(applicant, uploads=[pdf_upload()])
    verification = SignatureVerification.objects.create(
        document_sha256="0" * 64, signature_sha256="0" * 64, is_valid=True, indication="TOTAL_PASSED",
        summary="ok", report={}, created_by=applicant)
    return [
        reverse("accounts:profile"), reverse("accounts:settings"), reverse("applications:list"),
        reverse("applications:detail", args=[application.pk]),
        reverse("applications:history", args=[application.pk]),
        reverse("applications:receipt_page", args=[application.pk]),
        reverse("applications:receipt_pdf", args=[application.pk]),
        reverse("applications:document_download", args=[application.pk, document.pk]),
        reverse("applications:documents_zip", args=[application.pk]),
        reverse("applications:signed_zip", args=[application.pk]),
        reverse("appeals:list"), reverse("appeals:detail", args=[appeal.pk]),
        reverse("appeals:file_download", args=[appeal.pk, appeal.files.first().pk]),
        reverse("signing:report", args=[verification.pk]),
    ]


def _assert_no_store(response, url):
    cache_control = response.get("Cache-Control", "")
    assert "no-store" in cache_control and "private" in cache_control, f"{url}: {cache_control!r}"


def test_every_personal_page_and_file_is_no_store(client, applicant, settings):
    settings.PAGE_CACHE_ENABLED = True  # the cached pages too, on a hit as on a miss
    client.force_login(applicant)
    for url in _personal_urls(applicant):
        for _visit in range(2):
            response = client.get(url)
            assert response.status_code == 200, url
            _assert_no_store(response, url)


def test_every_url_of_the_portal_is_no_store_for_a_logged_in_user(client, applicant, admin_user):
    urls = sorted(set(_plain_urls()))
    assert reverse("accounts:profile") in urls and reverse("admin:index") in urls and len(urls) > 30
    for user in (applicant, admin_user):
        client.force_login(user)
        for url in urls:
            _assert_no_store(client.get(url), url)


def test_anonymous_pages_keep_their_own_caching(client):
    response = client.get(reverse("normative_documents"))
    assert "no-store" not in response.get("Cache-Control", "")
