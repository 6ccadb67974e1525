"""Staff actions in the admin. Each one calls the application's transition method, so the history
row and the notifications are never skipped; a lost race gets a clear message, not an error page."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications import services
from applications.models.application import TransitionNotAllowed
from applications.models.documents import DocumentSlot
from portal.upload_limits import check_file_count

STAFF_ACTIONS = {
    "take_into_review": {"label": gettext_lazy("Take into review"), "comment": None, "files": False},
    "request_correction": {"label": gettext_lazy("Request corrections"),
                           "comment": gettext_lazy("What must be corrected"), "files": False},
    "request_signature": {"label": gettext_lazy("Ask for the e-signature"), "comment": None, "files": False},
    "complete": {"label": gettext_lazy("Complete and attach the result"), "comment": "", "files": True},
    "reject": {"label": gettext_lazy("Reject"), "comment": gettext_lazy("Reason for rejection"), "files": False},
}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        check_file_count(files)
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class TransitionForm(forms.Form):
    comment = forms.CharField(label=gettext_lazy("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    files = MultipleFileField(label=gettext_lazy("Result documents"), required=False)

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        spec = STAFF_ACTIONS[action]
        if spec["comment"]:
            self.fields["comment"].label = spec["comment"]
            self.fields["comment"].required = True
        if not spec["files"]:
            del self.fields["files"]
        else:
            self.fields["files"].required = True


def actions_for(application):
    return [(action, spec["label"]) for action, spec in STAFF_ACTIONS.items() if application.can(action)]


def transition_urls(model_admin):
    view = model_admin.admin_site.admin_view(lambda request, object_id, action:
                                             transition_view(model_admin, request, object_id, action))
    return [path("<int:object_id>/transition/<str:action>/", view, name="applications_application_transition")]


def transition_view(model_admin, request, object_id, action):
    application = model_admin.get_object(request, str(object_id))
    if application is None or action not in STAFF_ACTIONS:
        raise PermissionDenied
    if not model_admin.has_change_permission(request, application):
        raise PermissionDenied
    change_url = reverse("admin:applications_application_change", args=[application.pk])
    form = TransitionForm(request.POST or None, request.FILES or None, action=action)
    if request.method == "POST" and form.is_valid():
        try:
            _perform(request, application, action, form.cleaned_data)
        except TransitionNotAllowed as error:
            messages.error(request, _("Not done: the application is already “%(status)s” — someone acted "
                                      "before you. Check its history.") % {"status": error.status})
            return redirect(change_url)
        except ValidationError as invalid:
            form.add_error("files", invalid)
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": STAFF_ACTIONS[action]["label"]})
            return redirect(change_url)
    context = {**model_admin.admin_site.each_context(request), "form": form, "application": application,
               "action_label": STAFF_ACTIONS[action]["label"], "change_url": change_url,
               "opts": model_admin.model._meta, "title": STAFF_ACTIONS[action]["label"]}
    return render(request, "admin/applications/application/transition.html", context)


def _perform(request, application, action, data):
    comment = data.get("comment", "")
    if action == "complete":
        with transaction.atomic():
            documents = [services.document_add(application=application, uploaded_file=upload,
                                               slot=DocumentSlot.RESULT, actor=request.user)
                         for upload in data["files"]]
            application.complete(actor=request.user, documents=documents, comment=comment)
        return
    getattr(application, action)(actor=request.user, comment=comment)


@admin.action(description=gettext_lazy("Take the selected applications into review"))
def bulk_take_into_review(model_admin, request, queryset):
    done = skipped = 0
    for application in queryset:
        try:
            application.take_into_review(actor=request.user)
            done += 1
        except TransitionNotAllowed:
            skipped += 1
    model_admin.message_user(request, _("Taken into review: %(done)d; skipped (other status): %(skipped)d.")
                             % {"done": done, "skipped": skipped})
