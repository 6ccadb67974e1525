"""The staff queue's header as Django's admin/base.html writes it, with the user links kept per
process (portal.admin_kept_tags.userlinks_html) and each request's own CSRF token."""

import re

import pytest
from django.template.loader import get_template
from django.urls import reverse

from applications.tests.factories import submitted
from portal import admin_kept_tags

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _user_tools(html):
    start = html.index('<div id="user-tools">')
    return html[start:html.index("</header>", start)]


def _djangos_user_tools(response):
    """The user tools Django's own admin/base.html writes with the page's context and token."""
    names = ("user", "has_permission", "site_url", "csrf_token")
    context = {name: response.context[name] for name in names}
    return _user_tools(get_template("admin/base.html").render(context, response.wsgi_request))


def test_the_kept_user_links_are_djangos_with_each_requests_token(client, applicant, staff, monkeypatch, settings):
    settings.PAGE_CACHE_ENABLED = False
    monkeypatch.setattr(admin_kept_tags, "_kept", {})
    application = submitted(applicant)
    application.branch.staff.add(staff)
    client.force_login(staff)
    url = reverse("admin:applications_application_changelist")
    tokens = []
    for _ in range(3):  # rendered, then kept
        response = client.get(url, {"status__exact": "submitted"})
        html = response.content.decode()
        user_tools = _user_tools(html)
        assert 'id="logout-form"' in user_tools and user_tools == _djangos_user_tools(response)
        page_tokens = set(TOKEN.findall(html))
        assert len(page_tokens) == 1 and TOKEN.search(user_tools)  # the logout form's is the page's
        tokens.append(page_tokens.pop())
    assert len(set(tokens)) == 3  # masked anew on each request, as Django's
    staff.set_unusable_password()
    staff.save()
    client.force_login(staff)
    response = client.get(url)
    assert _user_tools(response.content.decode()) == _djangos_user_tools(response)
    assert "password_change" not in _user_tools(response.content.decode())
    assert len([key for key in admin_kept_tags._kept if key[0] == "userlinks"]) == 2
