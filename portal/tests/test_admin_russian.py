"""The admin speaks correct Russian: names declined in its sentences, readable rows, Russian group
names, one «Учётные записи» section."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from applications.tests.factories import submitted
from portal.admin_russian import accusative

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("name", "expected"), [
    ("заявка", "заявку"), ("тема обращения", "тему обращения"), ("пользователь", "пользователя"),
    ("электронная подпись", "электронную подпись"), ("обращение", "обращение"),
    ("день производственного календаря", "день производственного календаря"),
    ("загруженный год календаря", "загруженный год календаря"), ("блокировка входа", "блокировку входа"),
    ("группа", "группу"), ("история", "историю"),
])
def test_names_are_declined_to_the_accusative(name, expected):
    assert accusative(name) == expected


def test_the_change_list_asks_to_choose_an_application_in_the_accusative(admin_client):
    page = admin_client.get(reverse("admin:applications_application_changelist")).content.decode()
    assert "Выберите заявку для изменения" in page
    assert "Выберите заявка" not in page


def test_the_add_link_and_page_decline_the_name(admin_client):
    page = admin_client.get(reverse("admin:appeals_topic_changelist")).content.decode()
    assert re.search(r"Добавить\s+тему обращения", page)
    assert "Добавить тему обращения" in admin_client.get(reverse("admin:appeals_topic_add")).content.decode()


def test_the_delete_confirmation_declines_the_name(admin_client, applicant):
    group = Group.objects.create(name="Проверка")
    page = admin_client.get(reverse("admin:auth_group_delete", args=[group.pk])).content.decode()
    assert "удалить группу" in page


def test_history_rows_are_readable(applicant):
    application = submitted(applicant)
    event = application.events.order_by("pk").last()
    assert str(event).endswith("— Сформирована") and "object" not in str(event)


def test_staff_groups_are_shown_in_russian(admin_client):
    page = admin_client.get(reverse("admin:auth_group_changelist")).content.decode()
    assert "Сотрудники предприятия" in page and "Специалисты администрации" in page
    assert "Utility staff" not in page


def test_accounts_are_one_section_of_the_admin_index(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()
    captions = re.findall(r'<caption>\s*<a [^>]*class="section"[^>]*>([^<]+)</a>', page)
    assert captions.count("Учётные записи") == 1, captions
    assert "Пользователи и группы" not in captions
    section = page[page.index(">Учётные записи<"):]
    section = section[:section.index("</table>")]
    for model in ("Группы", "Пользователи", "Адреса электронной почты"):
        assert model in section


def test_the_cells_of_a_tabular_inline_have_accessible_names(admin_client, applicant, staff):
    from appeals.tests.factories import registered

    appeal = registered(applicant)
    page = admin_client.get(reverse("admin:appeals_appeal_change", args=[appeal.pk])).content.decode()
    textarea = re.search(r'<textarea[^>]*name="notes-0-text"[^>]*>', page).group(0)
    assert 'aria-label="' in textarea


def test_every_model_has_a_readable_name_for_its_rows():
    """No row reads «ApplicationEvent object (16)» in the admin, its history or the audit."""
    from django.apps import apps
    from django.db import models

    default = [model._meta.label for model in apps.get_models()
               if model.__str__ is models.Model.__str__ and model.__module__.split(".")[0] in PORTAL_APPS]
    assert not default, default


PORTAL_APPS = {"portal", "accounts", "notifications", "signing", "applications", "appeals", "agreements",
               "addresses", "passports", "frontoffice", "integrations", "audit"}


def test_every_group_the_migrations_make_is_shown_in_russian(admin_client):
    """Groups are made by the data migrations of several apps (staff, reviewers, front office, security
    officers): each reads in Russian in the admin."""
    from django.utils import translation

    with translation.override("ru"):
        english = [group.name for group in Group.objects.all() if str(group) == group.name]
    assert not english, english
