"""Branches, their staff and documents, and the production calendar appear on many pages (deadlines,
normative documents, staff queues): any change to them drops every cached page (portal.pagecache)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from portal import pagecache
from portal.models import Branch, CalendarDay, NormativeDocument


def _reference_changed(sender, **kwargs):
    if kwargs.get("action", "post_").startswith("post_"):
        pagecache.invalidate(pagecache.REFERENCE)


def connect_scope(scope, *models):
    """Any write to `models` gives `scope` a new version (pages showing them, e.g. the dashboard's
    panels, are rendered afresh)."""
    def changed(sender, **kwargs):
        pagecache.invalidate(scope)

    for model in models:
        label = model._meta.label_lower
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"pagecache-{scope}-{label}-saved")
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"pagecache-{scope}-{label}-deleted")


def connect_reference(*models):
    """Other apps' reference models (deadline rules, ...) join the portal's here."""
    for model in models:
        label = model._meta.label_lower
        post_save.connect(_reference_changed, sender=model, dispatch_uid=f"pagecache-{label}-saved")
        post_delete.connect(_reference_changed, sender=model, dispatch_uid=f"pagecache-{label}-deleted")


def connect():
    connect_reference(Branch, CalendarDay, NormativeDocument)
    m2m_changed.connect(_reference_changed, sender=Branch.staff.through, dispatch_uid="pagecache-branch-staff")
