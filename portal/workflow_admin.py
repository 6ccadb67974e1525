"""Workflow rows in Django admin (issue 12 §3): submitted data is read-only there. Status changes and
staff corrections are actions with pages of their own (each a recorded move); the change form itself
writes nothing, so a copy of the row read before someone else's move can never be saved over it."""


class WorkflowAdminMixin:
    """Mix into the ModelAdmin of a workflow model (before admin.ModelAdmin). Set `saves_inlines = True`
    when an inline of the page still takes input (the appeals' internal notes): the Save button stays."""

    saves_inlines = False

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
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)
