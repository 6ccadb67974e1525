"""Counts of objects in the admin with the Russian plural form of each model's name.

Django's admin says «Успешно удалены 5 заявки» and «5 заявки»: `model_ngettext` calls
ngettext(verbose_name, verbose_name_plural, n) on the names already translated, which no catalogue
knows, so English's two forms are used. Russian has three (CLDR «one/few/many»: 1 и 21 заявка, 2–4
заявки, 5–20 заявок). Every model's English names are a msgid/msgid_plural pair in the catalogue
(locale/parts/issue17, three forms each); `count_form` looks the pair up by the untranslated names.

The admin's sentences with a count are written so that the number and the noun in its count form
stand together after a colon («Удалено: 21 заявка.», «Выбрано: 2 заявки из 5»), which is correct for
every count, whatever the noun's gender. Installed from portal.apps (`install`)."""

import functools
import json

from django.apps import apps
from django.contrib.admin import actions as admin_actions
from django.contrib.admin import options as admin_options
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext, ngettext


def count_form(model, count):
    """The model's name in the form that follows the number `count` in Russian: (Application, 1) ->
    «заявка», 2 -> «заявки», 5 -> «заявок», 21 -> «заявка». `model` is a model, an instance or its
    _meta. A model without a plural entry in the catalogue gets its translated name and plural, as
    Django's admin would use them."""
    opts = getattr(model, "_meta", model)
    with translation.override(None):
        singular, plural = str(opts.verbose_name), str(opts.verbose_name_plural)
    form = ngettext(singular, plural, count)
    if form in (singular, plural) and not (translation.get_language() or "en").startswith("en"):
        return str(opts.verbose_name if count == 1 else opts.verbose_name_plural)
    return form


def counted(model, count):
    """«5 заявок»: the number and the model's name in its count form."""
    return f"{count} {count_form(model, count)}"


def model_ngettext(obj, n=None):
    """Django's admin helper, in count forms. With a count (the deletion's success message, the list
    edit's) the noun alone, as Django's sentences put the number before it; with a queryset and no
    count (the selected objects of the bulk deletion, a sentence that has no number) the number and
    the noun («2 заявки»), so the confirmation names how many will go."""
    if isinstance(obj, QuerySet):
        if n is None:
            return counted(obj.model, obj.count())
        obj = obj.model
    return count_form(obj, n or 0)


def selection_notes(model, shown):
    """What the action bar says for 0..shown selected rows of a page of `shown` rows (a JSON list for
    static/portal/admin_counter.js, which replaces Django's «Выбрано 2 из 5» as boxes are ticked).
    Kept per model, page size and language: the catalogue does not change while the process runs, and
    each page of a changelist asked for the same 26 sentences again (issue 18)."""
    return list(_selection_notes(model._meta.label, shown, translation.get_language()))


@functools.lru_cache(maxsize=256)
def _selection_notes(model_label, shown, language):
    model = apps.get_model(model_label)
    with translation.override(language):
        return tuple(gettext("Selected: %(selected)s of %(shown)s") % {"selected": counted(model, n), "shown": shown}
                     for n in range(shown + 1))


def _changelist_view(original):
    def changelist_view(self, request, extra_context=None):
        response = original(self, request, extra_context)
        context = getattr(response, "context_data", None)
        cl = context.get("cl") if context else None
        if cl is None or not context.get("action_form"):
            return response
        shown, total = len(cl.result_list), cl.result_count
        notes = selection_notes(self.model, shown)
        context["selection_note"] = notes[0]
        context["selection_notes_json"] = json.dumps(notes, ensure_ascii=False)
        context["selection_note_all"] = gettext("All selected: %(objects)s") % {"objects": counted(self.model, total)}
        context["module_name"] = count_form(self.model, total)
        return response

    return changelist_view


def _translatable_names():
    # A model without Meta.verbose_name (allauth's authenticators and sessions, the captcha store, the
    # yearly counters) has a plain English name derived from its class, which no catalogue can
    # translate: it is made a lazy msgid, so the admin shows it in Russian like the others.
    from django.apps import apps
    from django.utils.functional import Promise
    from django.utils.translation import gettext_lazy

    for model in apps.get_models():
        opts = model._meta
        with translation.override(None):
            singular = str(opts.verbose_name)
        if not isinstance(opts.verbose_name, Promise):
            opts.verbose_name = gettext_lazy(singular)
        if "verbose_name_plural" not in opts.original_attrs:
            opts.verbose_name_plural = gettext_lazy(singular + "s")


def delete_selected_label(model):
    """«Удалить выбранные заявки», but «Удалить выбранных пользователей»: an animate noun (and its
    adjective) takes the genitive in the accusative plural, as count_form gives it for 5."""
    from portal.admin_russian import ANIMATE

    if str(model._meta.verbose_name).split(" ")[0].lower() in ANIMATE:
        return gettext("Delete selected %(people)s") % {"people": count_form(model, 5)}
    return gettext("Delete selected %(verbose_name_plural)s") % {"verbose_name_plural": model._meta.verbose_name_plural}


def _get_action_choices(original):
    def get_action_choices(self, request, *args, **kwargs):
        choices = original(self, request, *args, **kwargs)
        return [(name, delete_selected_label(self.model) if name == "delete_selected" else label)
                for name, label in choices]

    return get_action_choices


def install():
    _translatable_names()
    # actions.delete_selected and ModelAdmin.changelist_view call the name imported into their module.
    admin_actions.model_ngettext = model_ngettext
    admin_options.model_ngettext = model_ngettext
    admin_options.ModelAdmin.changelist_view = _changelist_view(admin_options.ModelAdmin.changelist_view)
    admin_options.ModelAdmin.get_action_choices = _get_action_choices(admin_options.ModelAdmin.get_action_choices)
