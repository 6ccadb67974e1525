"""The admin's action bar form (the action's drop-down and the hidden "select across"), its HTML kept
per process (issue 18).

On every changelist page Django renders the unbound ActionForm through the form widget templates:
a Select with its options, one template per option, ~3 M instructions of the staff queue's 42 M. For
an unbound form the HTML depends only on the form's class, prefix and id format, each field's label,
initial value and choices (the actions the user may run, in the page's language), and the language:
all of them are the key, so another user's actions or another language get their own entry. A bound
form (a POST with errors) is rendered every time.
"""

import functools

from django.template import engines
from django.utils import translation

from portal.kept import remembered

# The loop of Django's admin/actions.html (block actions-form), rendered on a miss: the same HTML.
ACTIONS_FORM_LOOP = (
    "{% for field in action_form %}{% if field.label %}<label>{{ field.label }} {{ field }}</label>"
    "{% else %}{{ field }}{% endif %}{% endfor %}"
)
_MAX_KEPT = 256
_kept = {}


def action_form_html(form):
    """The HTML Django's actions-form block writes for `form`."""
    key = _key(form)
    if key is None:
        return _render(form)
    return remembered(_kept, key, lambda: _render(form), _MAX_KEPT)


def _key(form):
    if form.is_bound:
        return None
    fields = []
    for name, field in form.fields.items():
        choices = tuple((str(value), str(label)) for value, label in getattr(field, "choices", ()))
        fields.append((name, str(field.label), repr(form.get_initial_for_field(field, name)), choices,
                       repr(field.widget.attrs), type(field.widget)))
    return (type(form), form.prefix, form.auto_id, translation.get_language(), tuple(fields))


def _render(form):
    return _loop().render({"action_form": form})


@functools.cache
def _loop():
    return engines["django"].from_string(ACTIONS_FORM_LOOP)


def action_bar_html(context):
    """What Django's `{% admin_actions %}` writes in the changelist template `context` (the whole
    action bar: the form above, the Go button, the selection counter, ~2 M instructions of the staff
    queue), kept per process. Besides the form it shows the page's and the list's row counts and the
    counter's sentences (portal.admin_plurals, in the page's language), the bar's index on the page
    and the model's template: all in the key. Not kept with a bound form."""
    index = context.get("action_index", -1) + 1  # what the tag's admin_actions() sets
    form_key = _key(context["action_form"])
    if form_key is None:
        return _bar().render(context)
    cl = context["cl"]
    key = ("bar", context["opts"].label, translation.get_language(), form_key, index,
           bool(context.get("actions_selection_counter")), len(cl.result_list), cl.result_count,
           *(str(context.get(name)) for name in ("selection_note", "selection_notes_json", "selection_note_all",
                                                  "module_name")))
    html = remembered(_kept, key, lambda: _bar().render(context), _MAX_KEPT)
    context["action_index"] = index
    return html


@functools.cache
def _bar():
    return engines["django"].from_string("{% load admin_list %}{% admin_actions %}").template
