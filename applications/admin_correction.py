"""The staff's correction of an application's details in the admin (issue 12 §3): the applicant's data
is read-only on the change form; a correction names its reason and becomes a history row with the
old and new values that the applicant sees, and a notice to them."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications.choices import CORRECTABLE_FIELDS, CORRECTABLE_STATUSES
from applications.forms import ApplicationForm
from portal.workflow import Refused

CORRECT_LABEL = gettext_lazy("Correct the details")


class CorrectionForm(ApplicationForm):
    """The applicant's fields with the current values, and the reason the applicant will read."""

    correction_reason = forms.CharField(
        label=gettext_lazy("Reason for the correction (the applicant will see it)"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Give the reason for the correction: the applicant will read it.")})

    class Meta(ApplicationForm.Meta):
        fields = CORRECTABLE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["correction_reason"].required = True

    def _post_clean(self):
        # Validate the fields without touching the instance: the correction writes the locked row.
        pass

    def corrected_values(self):
        return {name: self.cleaned_data[name] for name in self.changed_data if name in CORRECTABLE_FIELDS}


def can_correct(application):
    return application.status in CORRECTABLE_STATUSES


def correction_urls(model_admin):
    view = model_admin.admin_site.admin_view(lambda request, object_id: correction_view(model_admin, request,
                                                                                        object_id))
    return [path("<int:object_id>/correct/", view, name="applications_application_correct")]


def correction_view(model_admin, request, object_id):
    application = model_admin.get_object(request, str(object_id))
    if application is None or not model_admin.has_change_permission(request, application):
        raise PermissionDenied
    change_url = reverse("admin:applications_application_change", args=[application.pk])
    if not can_correct(application):
        messages.error(request, _("The details of an application that is “%(status)s” cannot be corrected.")
                       % {"status": application.get_status_display()})
        return redirect(change_url)
    form = CorrectionForm(request.POST or None, instance=application)
    if request.method == "POST" and form.is_valid():
        if _apply(request, application, form):
            return redirect(change_url)
    context = {**model_admin.admin_site.each_context(request), "form": form, "application": application,
               "action_label": CORRECT_LABEL, "change_url": change_url, "opts": model_admin.model._meta,
               "title": CORRECT_LABEL}
    return render(request, "admin/applications/application/correction.html", context)


def _apply(request, application, form):
    try:
        application.correct(actor=request.user, reason=form.cleaned_data["correction_reason"],
                            values=form.corrected_values())
    except Refused as refusal:
        form.add_error(None, str(refusal))
        return False
    messages.success(request, _("The details have been corrected; the applicant sees the correction in the "
                                "history and has been notified."))
    return True
