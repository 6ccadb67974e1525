"""Whose personal data an audited row is: the "subject" the security officer searches by.

A change entry (written by django-auditlog's receivers) gets `additional_data["subject"]`, the id of
the person the changed row belongs to, from SUBJECT_PATHS: auditlog's pre_log signal hands us the
instance just before it writes the entry, and the entry's own pre_save reads what we noted (both run in
the same thread, one right after the other). Access entries (audit.access) name their subject directly.
"""

from contextvars import ContextVar

from auditlog.models import LogEntry
from auditlog.signals import pre_log
from django.db.models.signals import pre_save

# model label -> attribute path from the instance to the person's user id
SUBJECT_PATHS = {
    "accounts.user": "pk",
    "accounts.profile": "user_id",
    "accounts.consent": "user_id",
    "applications.application": "applicant_id",
    "applications.applicationdocument": "application.applicant_id",
    "applications.applicationsignature": "document.application.applicant_id",
    "applications.applicationevent": "application.applicant_id",
    "appeals.appeal": "applicant_id",
    "appeals.appealfile": "appeal.applicant_id",
    "appeals.appealnote": "appeal.applicant_id",
    "appeals.appealevent": "appeal.applicant_id",
    "agreements.agreement": "organisation_id",
    "agreements.agreementevent": "agreement.organisation_id",
    "addresses.notice": "organisation_id",
    "addresses.noticeaddress": "notice.organisation_id",
    "addresses.noticeevent": "notice.organisation_id",
    "addresses.servedaddress": "organisation_id",
    "passports.passport": "organisation_id",
    "passports.passportevent": "passport.organisation_id",
    "passports.engineeringsystem": "passport.organisation_id",
    "notifications.notification": "user_id",
    "signing.signatureverification": "created_by_id",
    "frontoffice.intake": "applicant_id",
    "frontoffice.intakeattachment": "intake.applicant_id",
}

_pending_subject = ContextVar("audit_pending_subject", default=None)


def subject_of(instance):
    """The user id the row's personal data belongs to, or None (reference data, or not known)."""
    path = SUBJECT_PATHS.get(instance._meta.label_lower)
    if path is None:
        return None
    value = instance
    try:
        for name in path.split("."):
            value = getattr(value, name)
    except Exception:  # noqa: BLE001 — a half-deleted parent must not stop the change being logged
        return None
    return value


def _note_subject(sender, instance, **kwargs):
    _pending_subject.set((instance._meta.label_lower, str(instance.pk), subject_of(instance)))
    return None  # not False: auditlog skips the entry when a receiver answers False


def _add_subject(sender, instance, **kwargs):
    noted = _pending_subject.get()
    _pending_subject.set(None)
    if instance.pk or noted is None:
        return
    label, pk, subject = noted
    same_row = instance.content_type.model_class()._meta.label_lower == label and str(instance.object_pk) == pk
    if subject is None or not same_row:
        return
    instance.additional_data = {**(instance.additional_data or {}), "subject": subject}


def connect():
    pre_log.connect(_note_subject, dispatch_uid="audit-note-subject")
    pre_save.connect(_add_subject, sender=LogEntry, dispatch_uid="audit-add-subject")
