"""Workflow rows in Django admin (issue 12 §3): submitted data is read-only there. Status changes and
staff corrections are actions with pages of their own (each a recorded move); the change form itself
writes nothing, so a copy of the row read before someone else's move can never be saved over it."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.models import staff_branch_ids
from portal.workflow import Refused

CORRECT_LABEL = gettext_lazy("Correct the details")


class WorkflowAdminMixin:
    """Mix into the ModelAdmin of a workflow model (before admin.ModelAdmin). Set `saves_inlines = True`
    when an inline of the page still takes input (the appeals' internal notes): the Save button stays.
    Set `correction_form` (a CorrectionForm) to offer «Исправить данные» in the model's
    `correctable_statuses` (the change form template shows `correct_url`)."""

    saves_inlines = False
    correction_form = None

    def get_readonly_fields(self, request, obj=None):
        declared = list(super().get_readonly_fields(request, obj))
        return declared + [field.name for field in self.model._meta.fields if field.name not in declared]

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
        # On change every field is read-only: there is nothing to write, and obj.save() would write the
        # whole row as this request read it (the lost-update the issue reproduced).

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and not self.saves_inlines:
            # Nothing on the page can be saved: no Save buttons that would seem to promise otherwise.
            context.update(show_save=False, show_save_and_continue=False, show_save_and_add_another=False)
        if obj is not None and self.correction_form and obj.status in self.model.correctable_statuses:
            context.update(correct_url=reverse(f"admin:{self._url_prefix()}_correct", args=[obj.pk]),
                           correct_label=CORRECT_LABEL)
        context["intake_url"] = intake_url(obj, request.user)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def get_urls(self):
        if not self.correction_form:
            return super().get_urls()
        view = self.admin_site.admin_view(lambda request, object_id: correction_view(self, request, object_id))
        return [path("<int:object_id>/correct/", view, name=f"{self._url_prefix()}_correct"), *super().get_urls()]

    def _url_prefix(self):
        return f"{self.model._meta.app_label}_{self.model._meta.model_name}"


def intake_url(case, user):
    """The front office's intake a case came from (frontoffice.Intake, the reverse one-to-one «intake»
    of an application or appeal), when `user` may see it: the representative's passport and power of
    attorney are kept there, for the front office and the executor only (issue 15 «Privacy»). Read
    through the relation so that portal imports no app. None otherwise."""
    intake = getattr(case, "intake", None) if case is not None else None
    if intake is None or not type(intake).objects.for_viewer(user).filter(pk=intake.pk).exists():
        return None
    return reverse("frontoffice:intake", args=[intake.pk])


class CorrectionForm(forms.ModelForm):
    """The correctable fields with their current values, and the reason the applicant will read.
    Subclasses set Meta.model and Meta.fields (the model's correctable_fields or some of them)."""

    correction_reason = forms.CharField(
        label=gettext_lazy("Reason for the correction (the applicant will see it)"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Give the reason for the correction: the applicant will read it.")})

    def _post_clean(self):
        # Validate the fields without touching the instance: the correction writes the locked row.
        pass

    def corrected_values(self):
        return {name: self.cleaned_data[name] for name in self.changed_data if name != "correction_reason"}


def correction_view(model_admin, request, object_id):
    obj = model_admin.get_object(request, str(object_id))
    if obj is None or not model_admin.has_change_permission(request, obj):
        raise PermissionDenied
    change_url = reverse(f"admin:{model_admin._url_prefix()}_change", args=[obj.pk])
    if obj.status not in obj.correctable_statuses:
        messages.error(request, _("Details cannot be corrected in the status “%(status)s”.")
                       % {"status": obj.get_status_display()})
        return redirect(change_url)
    form = model_admin.correction_form(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid() and _apply(request, obj, form):
        return redirect(change_url)
    context = {**model_admin.admin_site.each_context(request), "form": form, "original": obj,
               "action_label": CORRECT_LABEL, "change_url": change_url, "opts": model_admin.model._meta,
               "title": CORRECT_LABEL}
    return render(request, "admin/workflow_correction.html", context)


def _apply(request, obj, form):
    try:
        obj.correct(actor=request.user, reason=form.cleaned_data["correction_reason"], values=form.corrected_values())
    except Refused as refusal:
        form.add_error(None, str(refusal))
        return False
    messages.success(request, _("The details have been corrected; the applicant sees the correction in the "
                                "history and has been notified."))
    return True


class ReadOnlyInline(admin.TabularInline):
    """History rows, items and files of a workflow row: shown, never added, changed or deleted in the admin."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StaffBranchFilter(admin.RelatedFieldListFilter):
    """The branch filter of a staff queue (`list_filter = [("branch", StaffBranchFilter), ...]`): it
    offers the branches whose rows the user sees, so a member of one branch gets no filter at all
    (no query for every branch and no list to render on each visit of the queue, issue 18); managers
    (superusers, "<app>.view_all_branches") get every branch."""

    def field_choices(self, field, request, model_admin):
        user = request.user
        if user.is_superuser or user.has_perm(f"{model_admin.opts.app_label}.view_all_branches"):
            return super().field_choices(field, request, model_admin)
        ids = staff_branch_ids(user)
        if len(ids) < 2:
            return []
        return field.get_choices(include_blank=False, ordering=self.field_admin_ordering(field, request, model_admin),
                                 limit_choices_to={"pk__in": ids})
