"""The admin's sections and models are kept per permission set and language (portal.admin_app_list,
issue 18): a permission granted or taken, or another language, shows on the very next page."""

import inspect

import pytest
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.utils import translation

from accounts.models import User
from accounts.tests.factories import UserFactory
from portal import admin_app_list

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_app_lists():
    admin_app_list.clear()
    yield
    admin_app_list.clear()


def _request(user):
    request = RequestFactory().get("/admin/")
    request.user = User.objects.get(pk=user.pk)  # a fresh object, as each request has
    return request


def _models(user):
    return {model["object_name"] for app in admin.site.get_app_list(_request(user)) for model in app["models"]}


def test_a_permission_granted_or_taken_shows_on_the_next_page():
    staff = UserFactory(is_staff=True)
    assert _models(staff) == set()
    view_topics = Permission.objects.get(codename="view_topic")
    staff.user_permissions.add(view_topics)
    assert _models(staff) == {"Topic"}
    staff.user_permissions.remove(view_topics)
    assert _models(staff) == set()


def test_a_superuser_sees_every_registered_model_and_the_language_is_part_of_the_key():
    root = UserFactory(is_staff=True, is_superuser=True)
    assert len(_models(root)) == len(admin.site._registry)  # the merged sections' models included
    with translation.override("en"):
        english = [app["name"] for app in admin.site.get_app_list(_request(root))]
    with translation.override("ru"):
        russian = [app["name"] for app in admin.site.get_app_list(_request(root))]
    assert english != russian and "Заявки" in [str(name) for name in russian]


def test_what_a_caller_changes_does_not_change_the_kept_list():
    root = UserFactory(is_staff=True, is_superuser=True)
    first = admin.site.get_app_list(_request(root))
    first[0]["models"].clear()
    first[0]["name"] = "changed"
    again = admin.site.get_app_list(_request(root))
    assert again[0]["models"] and again[0]["name"] != "changed"


def test_what_the_list_shows_depends_only_on_permissions():
    """The premise of the key: no model admin decides its section from anything but the user's
    permissions (Django's own methods) or a constant."""
    for model_admin in admin.site._registry.values():
        cls = type(model_admin)
        for name in ("has_module_permission", "get_model_perms"):
            assert getattr(cls, name) is getattr(ModelAdmin, name), f"{cls.__name__}.{name}"
        for name in ("has_add_permission", "has_change_permission", "has_delete_permission",
                     "has_view_permission"):
            method = getattr(cls, name)
            if method is getattr(ModelAdmin, name):
                continue
            source = inspect.getsource(method)
            assert "return False" in source or "super()" in source, f"{cls.__name__}.{name}"


def test_the_list_is_built_once_per_permission_set_and_language(monkeypatch):
    built = []
    original = admin.site._build_app_dict
    monkeypatch.setattr(admin.site, "_build_app_dict", lambda *args, **kwargs: built.append(1) or original(
        *args, **kwargs))
    first, second = UserFactory(is_staff=True), UserFactory(is_staff=True)
    for user in (first, second):
        user.user_permissions.add(Permission.objects.get(codename="view_topic"))
    for _ in range(3):
        assert _models(first) == _models(second) == {"Topic"}
    assert len(built) == 1  # the two have the same permissions
    with translation.override("en"):
        _models(first)
    assert len(built) == 2


def _sidebar(client, url):
    html = client.get(url).content.decode()
    start = html.index('<nav class="sticky" id="nav-sidebar"')
    return html[start:html.index("</nav>", start)]


def test_the_kept_sidebar_is_django_s_for_each_page_and_follows_the_permissions(client):
    from django.urls import reverse

    from accounts.tests.factories import enrol_totp

    staff = UserFactory(is_staff=True)
    enrol_totp(staff)  # staff pages need a second factor (accounts.mfa)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_topic", "view_branch"]))
    client.force_login(staff)
    topics, branches = reverse("admin:appeals_topic_changelist"), reverse("admin:portal_branch_changelist")
    fresh = _sidebar(client, topics)  # rendered by Django's template
    assert 'class="model-topic current-model"' in fresh and 'class="model-branch"' in fresh
    other = _sidebar(client, branches)
    assert 'class="model-branch current-model"' in other and 'class="model-topic"' in other
    assert _sidebar(client, topics) == fresh  # kept, the same HTML
    names = [template.name for template in client.get(topics).templates]
    assert "admin/change_list.html" in names and "admin/nav_sidebar.html" not in names  # not rendered again
    staff.user_permissions.remove(Permission.objects.get(codename="view_branch"))
    assert "model-branch" not in _sidebar(client, topics)
    with translation.override("en"):
        admin_app_list.clear()
        english = _sidebar(client, topics)
    assert english != fresh
