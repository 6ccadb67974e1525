"""Every page of the portal (not the admin's), asked for by each kind of user with odd parameters, answers
without a server error: a 404, 403, redirect or a page with a message, never a 500."""

import uuid

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.tests.factories import ApplicantFactory, ReviewerFactory, StaffFactory
from agreements.tests.factories import accepted

pytestmark = pytest.mark.django_db

ODD_QUERY = ("?page=abc&status=nonsense&kind=x&supply_type=%00&date_from=31.02.2026&date_to=zz"
             "&deadline=never&q=%27%22%3Cscript%3E&format=pdf")
SKIPPED_PREFIXES = ("admin/", "captcha/", "bench/")
ARGUMENT_VALUES = {"int": "999999", "uuid": str(uuid.uuid4()), "slug": "no-such-city", "str": "nothing",
                   "path": "nothing"}


def _paths(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            yield from _paths(entry, route)
        elif isinstance(entry, URLPattern):
            yield "/" + _filled(route)


def _filled(route):
    import re

    route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: ARGUMENT_VALUES.get(m.group(1) or "str", "x"), route)
    return route.lstrip("^").rstrip("$").replace("\\", "")


@pytest.fixture
def personas(reviewer):
    organisation = accepted(reviewer).organisation
    return {"anonymous": None, "applicant": ApplicantFactory(username="someone"), "organisation": organisation,
            "reviewer": ReviewerFactory(username="reviewer-2", is_staff=False),
            "staff": StaffFactory(username="staff-2")}


def test_no_page_answers_with_a_server_error(personas):
    paths = sorted(set(_paths()))
    assert len(paths) > 40
    failures = []
    for name, user in personas.items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        for path in paths:
            for url in (path, path + ODD_QUERY):
                status = client.get(url).status_code
                if status >= 500:
                    failures.append(f"{name} GET {url}: {status}")
            status = client.post(path, {"reason": "", "signature": "не base64", "q": "\x00"}).status_code
            if status >= 500:
                failures.append(f"{name} POST {path}: {status}")
    assert not failures, "\n".join(failures)
