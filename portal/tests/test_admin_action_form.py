from pathlib import Path

import django.contrib.admin
import pytest
from django.contrib.admin.helpers import ActionForm
from django.utils import translation

from portal import admin_action_form
from portal.admin_action_form import ACTIONS_FORM_LOOP, action_form_html


def _form(choices, data=None):
    form = ActionForm(data, auto_id=None)
    form.fields["action"].choices = choices
    return form


def test_the_loop_is_djangos_actions_form_block():
    template = Path(django.contrib.admin.__file__).parent / "templates" / "admin" / "actions.html"
    assert ACTIONS_FORM_LOOP in template.read_text()


@pytest.fixture(autouse=True)
def nothing_kept(monkeypatch):
    monkeypatch.setattr(admin_action_form, "_kept", {})


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_kept_html_is_the_loops_for_each_set_of_actions_and_language(language):
    take = [("", "---------"), ("take", "Взять в работу <выбранные>")]
    both = [*take, ("delete_selected", "Удалить")]
    with translation.override(language):
        for choices in (take, both, take):
            fresh = admin_action_form._render(_form(choices))
            assert action_form_html(_form(choices)) == fresh
            assert action_form_html(_form(choices)) == fresh  # the kept one
        assert "delete_selected" not in action_form_html(_form(take))
        assert "&lt;выбранные&gt;" in action_form_html(_form(take))
    assert len(admin_action_form._kept) == 2


def test_a_bound_form_is_not_kept():
    take = [("", "---------"), ("take", "Взять")]
    bound = _form(take, {"action": "take", "select_across": "1"})
    assert action_form_html(bound) == admin_action_form._render(bound)
    assert 'value="take" selected' in action_form_html(bound)
    assert admin_action_form._kept == {}


def _bar_context(rows, total, choices, data=None):
    from types import SimpleNamespace

    from django.contrib.auth import get_user_model

    from portal.admin_plurals import counted, selection_notes

    model = get_user_model()
    notes = selection_notes(model, rows)
    return {"opts": model._meta, "action_form": _form(choices, data), "actions_selection_counter": True,
            "cl": SimpleNamespace(result_list=list(range(rows)), result_count=total),
            "selection_note": notes[0], "selection_notes_json": str(notes), "selection_note_all": counted(model, total),
            "module_name": f"{total} users"}


def test_the_kept_action_bar_is_djangos_admin_actions_tag():
    """Twice on a page (actions on top and at the bottom: the bar's index), for several counts,
    actions and languages, again (kept), and with a bound form (not kept): always what Django's tag
    writes."""
    from django.template import engines

    django_bars = engines["django"].from_string("{% load admin_list %}{% admin_actions %}|{% admin_actions %}")
    kept_bars = engines["django"].from_string("{% load portal_tags %}{% kept_admin_actions %}|{% kept_admin_actions %}")
    take = [("", "---------"), ("take", "Взять в работу")]
    both = [*take, ("delete_selected", "Удалить")]
    for language in ("ru", "en", "ru"):
        with translation.override(language):
            for rows, total, choices in ((2, 2, take), (2, 5, take), (25, 1000, both), (2, 5, take), (2, 2, take)):
                expected = django_bars.render(_bar_context(rows, total, choices))
                assert kept_bars.render(_bar_context(rows, total, choices)) == expected
                assert 'name="index" value="0"' in expected.split("|")[0] and 'value="1"' in expected.split("|")[1]
            bound = _bar_context(2, 5, take, {"action": "take"})
            assert kept_bars.render(bound) == django_bars.render(_bar_context(2, 5, take, {"action": "take"}))
    assert len([key for key in admin_action_form._kept if key[0] == "bar"]) == 3 * 2 * 2  # top and bottom
