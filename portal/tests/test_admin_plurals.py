"""The admin counts objects with the Russian plural form of each model's name: 1 и 21 заявка, 2 заявки,
5 заявок (portal.admin_plurals); its own sentences with a count read right for every count."""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from appeals.models import Topic
from portal.admin_plurals import count_form

COUNTS = (1, 2, 5, 21)


def _forms(model):
    with translation.override("ru"):
        return {n: count_form(model, n) for n in COUNTS}, str(model._meta.verbose_name)


@pytest.mark.parametrize("model", list(apps.get_models()), ids=lambda model: model._meta.label)
def test_every_model_has_three_russian_plural_forms(model):
    forms, name = _forms(model)
    assert forms[1] == forms[21] == name, (forms, name)
    assert len({forms[1], forms[2], forms[5]}) == 3, forms
    assert re.search("[а-яё]", forms[5]), forms


@pytest.mark.parametrize(("label", "expected"), [
    ("applications.Application", ("заявка", "заявки", "заявок", "заявка")),
    ("accounts.User", ("пользователь", "пользователя", "пользователей", "пользователь")),
    ("appeals.Appeal", ("обращение", "обращения", "обращений", "обращение")),
    ("integrations.InformationSystem", ("информационная система", "информационные системы",
                                        "информационных систем", "информационная система")),
    ("auth.Group", ("группа", "группы", "групп", "группа")),
    ("mfa.Authenticator", ("аутентификатор", "аутентификатора", "аутентификаторов", "аутентификатор")),
])
def test_known_names_take_their_forms(label, expected):
    forms, _ = _forms(apps.get_model(label))
    assert tuple(forms[n] for n in COUNTS) == expected


class _ChangeList:
    def __init__(self, model, count):
        self.opts, self.result_count, self.formset = model._meta, count, None


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda model: model._meta.label)
def test_the_change_list_counts_every_registered_model_in_its_forms(model):
    forms, _ = _forms(model)
    for count in COUNTS:
        with translation.override("ru"):
            html = render_to_string("admin/pagination.html", {"cl": _ChangeList(model, count)})
        assert f"{count} {forms[count]}" in " ".join(html.split()), (count, html)


@pytest.fixture
def topics(db):
    Topic.objects.all().delete()

    def make(count):
        Topic.objects.bulk_create(Topic(name=f"Тема {number}") for number in range(count))
        return list(Topic.objects.values_list("pk", flat=True))

    return make


@pytest.mark.django_db
@pytest.mark.parametrize(("count", "phrase"), [
    (1, "1 тема обращения"), (2, "2 темы обращения"), (5, "5 тем обращения"), (21, "21 тема обращения")])
def test_bulk_deletion_names_the_count_in_its_form(admin_client, topics, count, phrase):
    ids = topics(count)
    url = reverse("admin:appeals_topic_changelist")
    listing = " ".join(admin_client.get(url).content.decode().split())
    assert f"{count} {phrase.split(' ', 1)[1]}" in listing  # the paginator's count
    assert f"Выбрано: 0 тем обращения из {count}" in listing
    assert "объектов" not in listing
    post = {"action": "delete_selected", "_selected_action": ids}
    confirmation = " ".join(admin_client.post(url, post).content.decode().split())
    assert f"Удалить выбранное ({phrase})?" in confirmation
    done = admin_client.post(url, {**post, "post": "yes"}, follow=True)
    assert f"Удалено: {phrase}." in [str(message) for message in done.context["messages"]]
    assert not Topic.objects.exists()


@pytest.mark.django_db
def test_the_select_all_link_counts_every_page(admin_client, topics):
    topics(120)  # more than a page of 100
    page = " ".join(admin_client.get(reverse("admin:appeals_topic_changelist")).content.decode().split())
    assert "Выбрать все: 120 тем обращения" in page
    assert "Выбраны все: 120 тем обращения" in page
    assert "Выбрано: 0 тем обращения из 100" in page


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "action"), [
    ("admin:accounts_user_changelist", "Удалить выбранных пользователей"),
    ("admin:appeals_topic_changelist", "Удалить выбранные темы обращений"),
])
def test_the_delete_action_takes_the_accusative_plural(admin_client, url, action):
    page = admin_client.get(reverse(url)).content.decode()
    assert f">{action}<" in page


def test_the_action_bar_sentences_follow_the_language_of_each_request():
    """They are kept per model, page size and language (issue 18): a Russian page after an English
    one (and back) gets its own language's sentences."""
    from applications.models import Application
    from portal.admin_plurals import selection_notes

    with translation.override("ru"):
        russian = selection_notes(Application, 25)
    with translation.override("en"):
        english = selection_notes(Application, 25)
    with translation.override("ru"):
        assert selection_notes(Application, 25) == russian
    assert len(russian) == 26 and russian[2] == "Выбрано: 2 заявки из 25"
    assert russian[21].startswith("Выбрано: 21 заявка ")
    assert english != russian and english[2].startswith("Selected: 2 ")
    selection_notes(Application, 25).append("changed by a caller")
    with translation.override("ru"):
        assert selection_notes(Application, 25) == russian
