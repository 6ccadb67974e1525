"""Any write to an application, its documents, signatures or history drops the cached pages that show
it (portal.pagecache): its applicant's pages and the staff queues. Receivers, not calls in the
services, because the admin, tasks and data fixes write these rows too."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete, post_save

from applications.models import (
    Application,
    ApplicationDocument,
    ApplicationEvent,
    ApplicationSignature,
    DeadlineRule,
)
from portal import cache_invalidation as portal_invalidation
from portal import pagecache


def _application_changed(sender, instance, **kwargs):
    pagecache.invalidate(pagecache.user_scope(instance.applicant_id), pagecache.APPLICATIONS)


def _part_changed(sender, instance, **kwargs):
    if not pagecache.enabled():
        return
    # The related objects are usually cached on the instance (made through them): no query then.
    try:
        application = (instance.document.application if isinstance(instance, ApplicationSignature)
                       else instance.application)
    except ObjectDoesNotExist:  # deleted together with its application, whose own signal says it all
        return
    pagecache.invalidate(pagecache.user_scope(application.applicant_id), pagecache.APPLICATIONS)


def connect():
    post_save.connect(_application_changed, sender=Application, dispatch_uid="pagecache-application-saved")
    post_delete.connect(_application_changed, sender=Application, dispatch_uid="pagecache-application-deleted")
    for model in (ApplicationDocument, ApplicationEvent, ApplicationSignature):
        label = model._meta.model_name
        post_save.connect(_part_changed, sender=model, dispatch_uid=f"pagecache-{label}-saved")
        post_delete.connect(_part_changed, sender=model, dispatch_uid=f"pagecache-{label}-deleted")
    portal_invalidation.connect_reference(DeadlineRule)
