"""Staff transition pages in the admin. Each calls the appeal's transition (through the service for
the answer), so the history row and the notifications are never skipped; a lost race gets a clear
message, not an error page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from appeals import services
from appeals.forms import AnswerForm, TakeIntoWorkForm
from appeals.models import TransitionNotAllowed

STAFF_ACTIONS = {
    "take_into_work": gettext_lazy("Take into work"),
    "answer": gettext_lazy("Send the answer"),
}


def actions_for(appeal):
    return [(action, label) for action, label in STAFF_ACTIONS.items() if appeal.can(action)]


def transition_urls(model_admin):
    view = model_admin.admin_site.admin_view(lambda request, object_id, action:
                                             transition_view(model_admin, request, object_id, action))
    return [path("<int:object_id>/transition/<str:action>/", view, name="appeals_appeal_transition")]


def _form(request, appeal, action):
    data, files = request.POST or None, request.FILES or None
    if action == "answer":
        return AnswerForm(data, files, appeal=appeal)
    return TakeIntoWorkForm(data)


def transition_view(model_admin, request, object_id, action):
    appeal = model_admin.get_object(request, str(object_id))
    if appeal is None or action not in STAFF_ACTIONS or not model_admin.has_change_permission(request, appeal):
        raise PermissionDenied
    change_url = reverse("admin:appeals_appeal_change", args=[appeal.pk])
    form = _form(request, appeal, action)
    if request.method == "POST" and form.is_valid():
        try:
            _perform(request, appeal, action, form.cleaned_data)
        except TransitionNotAllowed as error:
            messages.error(request, _("Not done: the appeal is already “%(status)s” — someone acted before you. "
                                      "Check its history.") % {"status": error.status})
            return redirect(change_url)
        except ValidationError as invalid:
            form.add_error("files", invalid)
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": STAFF_ACTIONS[action]})
            return redirect(change_url)
    context = {**model_admin.admin_site.each_context(request), "form": form, "appeal": appeal,
               "action_label": STAFF_ACTIONS[action], "change_url": change_url,
               "opts": model_admin.model._meta, "title": STAFF_ACTIONS[action]}
    return render(request, "admin/appeals/appeal/transition.html", context)


def _perform(request, appeal, action, data):
    if action == "answer":
        services.appeal_answer(appeal=appeal, actor=request.user, text=data["text"], uploads=data["files"])
    else:
        appeal.take_into_work(actor=request.user, comment=data.get("comment", ""))
