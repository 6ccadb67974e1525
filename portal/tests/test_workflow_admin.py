"""Issue 12 §3: in the admin, the data of every workflow row (applications, appeals, agreements, notices,
passports) is read-only — the change form edits nothing and its save writes nothing; status changes
and corrections are actions of their own."""

import pytest
from django.contrib import admin

from portal.workflow import WorkflowMixin

WORKFLOW_MODELS = {"applications.application", "appeals.appeal", "agreements.agreement", "addresses.notice",
                   "passports.passport", "integrations.informationsystem", "integrations.delegation"}


def workflow_admins():
    return {model._meta.label_lower: model_admin for model, model_admin in admin.site._registry.items()
            if issubclass(model, WorkflowMixin)}


def test_every_workflow_model_is_found_in_the_admin():
    assert set(workflow_admins()) == WORKFLOW_MODELS


@pytest.mark.parametrize("label", sorted(WORKFLOW_MODELS))
def test_no_field_of_a_workflow_row_is_editable_in_the_admin(rf, admin_user, label):
    model_admin = workflow_admins()[label]
    request = rf.get("/")
    request.user = admin_user
    readonly = set(model_admin.get_readonly_fields(request))
    editable = {field.name for field in model_admin.model._meta.fields} - readonly
    # A view-only page (no change permission: Django answers a post with 403) or every field read-only.
    assert not model_admin.has_change_permission(request) or not editable, editable


@pytest.mark.parametrize("label", sorted(WORKFLOW_MODELS))
def test_a_workflow_change_form_cannot_be_posted_to_save_a_row(rf, admin_user, label):
    """Either Django refuses the post, or the admin's save_model writes nothing (a stale copy saved
    whole would write an old status back)."""
    model_admin = workflow_admins()[label]
    request = rf.post("/")
    request.user = admin_user
    written = []
    instance = model_admin.model()
    instance.save = lambda *args, **kwargs: written.append(kwargs)  # any write would be seen here
    if model_admin.has_change_permission(request):
        model_admin.save_model(request, instance, form=None, change=True)
    assert written == []
