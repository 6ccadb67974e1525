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
