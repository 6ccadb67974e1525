"""Branches, their staff and documents, and the production calendar appear on many pages (deadlines,
normative documents, staff queues): any change to them drops every cached page (portal.pagecache).
The apps connect their own models to their own scopes through `connect_scope`."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from portal import pagecache
from portal.models import Branch, CalendarDay, CalendarYear, NormativeDocument


def _invalidator(scope):
    def changed(sender, **kwargs):
        # m2m_changed is sent before and after each change: only the "post_" one follows a write.
        if kwargs.get("action", "post_").startswith("post_"):
            pagecache.invalidate(scope)

    return changed


def connect_scope(scope, *models):
    """Any write to `models` gives `scope` a new version (pages showing them are rendered afresh)."""
    changed = _invalidator(scope)
    for model in models:
        label = model._meta.label_lower
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"pagecache-{scope}-{label}-saved")
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"pagecache-{scope}-{label}-deleted")


def connect_m2m(scope, through):
    """Adding to or removing from a many-to-many relation (`through`) gives `scope` a new version."""
    m2m_changed.connect(_invalidator(scope), sender=through, weak=False,
                        dispatch_uid=f"pagecache-{scope}-{through._meta.label_lower}")


def connect_reference(*models):
    """Other apps' reference models (deadline rules, ...) join the portal's here."""
    connect_scope(pagecache.REFERENCE, *models)


def connect():
    connect_reference(Branch, CalendarDay, CalendarYear, NormativeDocument)
    connect_m2m(pagecache.REFERENCE, Branch.staff.through)
