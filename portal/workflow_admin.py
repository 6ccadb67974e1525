"""Workflow rows in Django admin (issue 12 §3): submitted data is read-only there. Status changes and
staff corrections are actions with pages of their own (each a recorded move); the change form itself
writes nothing, so a copy of the row read before someone else's move can never be saved over it."""


class WorkflowAdminMixin:
    """Mix into the ModelAdmin of a workflow model (before admin.ModelAdmin)."""

    def get_readonly_fields(self, request, obj=None):
        declared = list(super().get_readonly_fields(request, obj))
        return declared + [field.name for field in self.model._meta.fields if field.name not in declared]

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
        # On change every field is read-only: there is nothing to write, and obj.save() would write the
        # whole row as this request read it (the lost-update the issue reproduced).
