"""The Django admin in correct Russian.

Django puts a model's verbose_name into its sentences as it is («Выберите %s для изменения», «Добавить
%s»), which in Russian needs the accusative: «Выберите заявку для изменения», not «Выберите заявка».
The admin's titles and the delete confirmation are given the accusative of the translated name here
(`accusative`), for every registered ModelAdmin; the «Добавить …» link comes from the template
admin/change_list_object_tools.html. Staff group names, kept in English in the database because data
migrations find the groups by name, are shown translated; the sections «Учётные записи» (allauth's
e-mail addresses, ours) and the groups' section are shown as one. The controls of tabular inlines get
their field's name as accessible name (they have no <label>)."""

from django.contrib import admin
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.auth.models import Group
from django.utils.translation import gettext, gettext_lazy

# Animate masculine nouns have the genitive form in the accusative; the rest follow the endings.
ANIMATE = {"пользователь": "пользователя", "сотрудник": "сотрудника", "заявитель": "заявителя",
           "оператор": "оператора", "рецензент": "рецензента"}
INDECLINABLE = ("мя",)  # время, имя: neuter


def _noun_accusative(word):
    lower = word.lower()
    if lower in ANIMATE:
        return ANIMATE[lower]
    if lower.endswith(INDECLINABLE):
        return word
    if lower.endswith("а"):
        return word[:-1] + "у"
    if lower.endswith("я"):
        return word[:-1] + "ю"
    return word


def accusative(name):
    """«заявка» -> «заявку», «тема обращения» -> «тему обращения», «электронная подпись» ->
    «электронную подпись», «пользователь» -> «пользователя»; nouns and adjectives up to the first noun."""
    words = str(name).split(" ")
    for index, word in enumerate(words):
        lower = word.lower()
        if lower.endswith(("ая", "яя")):
            words[index] = word[:-2] + ("ую" if lower.endswith("ая") else "юю")
            continue
        if lower.endswith(("ый", "ий", "ой", "ое", "ее")) and lower not in ANIMATE:
            continue
        words[index] = _noun_accusative(word)
        break
    return " ".join(words)


def _replace_title(context, defaults, name):
    for template in defaults:
        if context.get("title") == template % name:
            context["title"] = template % accusative(name)


def _changelist_view(original):
    def changelist_view(self, request, extra_context=None):
        response = original(self, request, extra_context)
        context = getattr(response, "context_data", None)
        if context is not None:
            templates = [gettext("Select %s")] if IS_POPUP_VAR in request.GET else [
                gettext("Select %s to change"), gettext("Select %s to view")]
            _replace_title(context, templates, self.opts.verbose_name)
        return response

    return changelist_view


def _render_change_form(original):
    def render_change_form(self, request, context, *args, **kwargs):
        _replace_title(context, [gettext("Add %s"), gettext("Change %s"), gettext("View %s")], self.opts.verbose_name)
        return original(self, request, context, *args, **kwargs)

    return render_change_form


def _delete_view(original):
    def delete_view(self, request, object_id, extra_context=None):
        response = original(self, request, object_id, extra_context)
        context = getattr(response, "context_data", None)
        if context is not None and context.get("object_name") == str(self.opts.verbose_name):
            context["object_name"] = accusative(self.opts.verbose_name)
        return response

    return delete_view


GROUP_NAMES = {
    "Utility staff": gettext_lazy("Utility staff"),
    "Municipal reviewers": gettext_lazy("Municipal reviewers"),
    "Front office": gettext_lazy("Front office"),
    "Security officers": gettext_lazy("Security officers"),
}


def _group_str(group):
    return str(GROUP_NAMES.get(group.name, group.name))


# The sections shown as one, under the first that is present: (target app label, [merged labels]).
MERGED_SECTIONS = ("accounts", ["account", "auth"])


def _merged_app_list(original):
    def get_app_list(request, app_label=None):
        apps = original(request, app_label)
        target_label, merged = MERGED_SECTIONS
        target = next((app for app in apps if app["app_label"] == target_label), None)
        if target is None:
            return apps
        for app in [app for app in apps if app["app_label"] in merged]:
            target["models"] = sorted(target["models"] + app["models"], key=lambda model: str(model["name"]))
            apps.remove(app)
        return apps

    return get_app_list


def _labelled_inline_field(original):
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # A tabular inline's cells have only the column header, not a <label> (WCAG 1.3.1/4.1.2):
        # the field's name becomes the control's accessible name.
        field = original(self, db_field, request, **kwargs)
        if field is not None and isinstance(self, admin.TabularInline):
            field.widget.attrs.setdefault("aria-label", str(field.label or db_field.verbose_name).capitalize())
        return field

    return formfield_for_dbfield


def _labelled_changelist_formset(original):
    def get_changelist_formset(self, request, **kwargs):
        # The editable cells of a change list (list_editable) have only the column header too.
        formset = original(self, request, **kwargs)
        for name, field in formset.form.base_fields.items():
            field.widget.attrs.setdefault("aria-label", str(field.label or name).capitalize())
        return formset

    return get_changelist_formset


def install():
    admin.ModelAdmin.changelist_view = _changelist_view(admin.ModelAdmin.changelist_view)
    admin.ModelAdmin.render_change_form = _render_change_form(admin.ModelAdmin.render_change_form)
    admin.ModelAdmin.delete_view = _delete_view(admin.ModelAdmin.delete_view)
    Group.__str__ = _group_str
    admin.site.get_app_list = _merged_app_list(admin.site.get_app_list)
    admin.options.InlineModelAdmin.formfield_for_dbfield = _labelled_inline_field(
        admin.options.InlineModelAdmin.formfield_for_dbfield)
    admin.ModelAdmin.get_changelist_formset = _labelled_changelist_formset(admin.ModelAdmin.get_changelist_formset)
