from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from applications.choices import (
    CORRECTABLE_FIELDS,
    CORRECTABLE_STATUSES,
    EDITABLE_STATUSES,
    FINAL_STATUSES,
    TRANSITIONS,
    DeliveryMethod,
    Kind,
    LoadUnit,
    Reason,
    Status,
    SupplyType,
)
from applications.models.transitions import ApplicationTransitions
from applications.querysets import ApplicationQuerySet
from portal.workflow import TransitionNotAllowed, WorkflowMixin

__all__ = ["Application", "TransitionNotAllowed"]

cadastral_number_validator = RegexValidator(
    r"^\d{2}:\d{2}:\d{6,7}:\d{1,7}$", _("A cadastral number looks like 31:16:0101001:1234."))


class Application(ApplicationTransitions, WorkflowMixin, models.Model):
    """A connection application (seed 001 table 6, seed 003 §3.2). Its status changes only through
    the transition methods below, each one transaction with a history row and notifications."""

    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="applications", verbose_name=_("applicant"))
    branch = models.ForeignKey("portal.Branch", on_delete=models.PROTECT, related_name="applications",
                               verbose_name=_("city"))
    kind = models.CharField(_("application type"), max_length=20, choices=Kind.choices)
    supply_type = models.CharField(_("supply type"), max_length=20, choices=SupplyType.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT,
                              db_index=True)
    number = models.CharField(_("number"), max_length=20, unique=True, null=True, blank=True)

    applicant_name = models.CharField(_("full name or organisation"), max_length=500)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    object_address = models.CharField(_("address of the object"), max_length=500, blank=True)
    cadastral_number = models.CharField(_("cadastral number of the land plot"), max_length=40, blank=True,
                                        validators=[cadastral_number_validator])
    object_purpose = models.CharField(_("purpose of the object"), max_length=300, blank=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    max_load = models.DecimalField(_("maximum load"), max_digits=12, decimal_places=4, null=True, blank=True)
    load_unit = models.CharField(_("unit"), max_length=10, choices=LoadUnit.choices, blank=True)
    planned_commissioning = models.DateField(_("planned commissioning date"), null=True, blank=True)
    delivery_method = models.CharField(_("how to deliver the answer"), max_length=20,
                                       choices=DeliveryMethod.choices, default=DeliveryMethod.PERSONAL_ACCOUNT)
    comment = models.TextField(_("comment"), blank=True, max_length=4000)

    correction_request = models.TextField(_("what to correct"), blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    due_date = models.DateField(_("due date of the current step"), null=True, blank=True, db_index=True)
    answer_due_date = models.DateField(_("legal deadline for the answer"), null=True, blank=True)
    answer_days_left = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)

    created_at = models.DateTimeField(_("created"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-pk"]
        permissions = [("view_all_branches", _("Can see applications of every branch"))]
        indexes = [
            models.Index(fields=["applicant", "-created_at"], name="app_applicant_created_idx"),
            models.Index(fields=["branch", "status", "due_date"], name="app_branch_status_due_idx"),
            # The staff queue: a branch's applications of one status, newest first.
            models.Index(fields=["branch", "status", "-created_at", "-id"], name="app_branch_status_created_idx"),
            models.Index(fields=["branch", "submitted_at"], name="app_branch_submitted_idx"),
            # The queue unfiltered (its first page): a branch's applications newest first, read from the
            # index instead of sorting the branch's ~25,000 rows (33 ms → well under 1 ms at 100k, issue 18).
            models.Index(fields=["branch", "-created_at", "-id"], name="app_branch_created_idx"),
        ]

    def __str__(self):
        return self.number or _("Draft No. %(pk)s") % {"pk": self.pk}

    @property
    def is_final(self):
        return self.status in FINAL_STATUSES

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES

    @property
    def can_withdraw(self):
        return self.can("withdraw")

    @property
    def deadlines(self):
        """The running deadlines with their names (applications.deadline_labels)."""
        from applications.deadline_labels import deadlines

        return deadlines(self)

    def is_overdue(self, today=None):
        from applications.choices import APPLICANT_TURN, STAFF_TURN

        today = today or timezone.localdate()
        waiting = STAFF_TURN | APPLICANT_TURN
        return bool(self.due_date and self.status in waiting and self.due_date < today)

    # --- the history and notices of a status change (see portal.workflow) --------------------

    transitions = TRANSITIONS

    def record_move(self, *, old_status, actor, comment, documents=()):
        from applications.models.history import ApplicationEvent

        event = ApplicationEvent.objects.create(application=self, from_status=old_status, to_status=self.status,
                                                actor=actor, comment=comment)
        if documents:
            event.documents.set(documents)
        return event

    def notify_move(self, event):
        from applications.notify import notify_status_change

        notify_status_change(self, event)

    # A staff correction of the applicant's details (WorkflowMixin.correct): after submission and before
    # the signing step, since what is signed never changes (issue 12 §3).
    correctable_fields = CORRECTABLE_FIELDS
    correctable_statuses = CORRECTABLE_STATUSES

    def record_correction(self, *, actor, reason, changes, before):
        """The history row of a staff correction (same status before and after): the reason, then one
        line per corrected field with its old and new value, as the applicant reads it; and the notice."""
        from applications.models.history import ApplicationEvent
        from applications.notify import notify_correction

        lines = [_("Corrected by the utility. Reason: %(reason)s") % {"reason": reason}]
        lines += [_("%(field)s: “%(old)s” → “%(new)s”") % {"field": capfirst(self._meta.get_field(name).verbose_name),
                                                          "old": old, "new": new}
                  for name, (old, new) in changes.items()]
        event = ApplicationEvent.objects.create(application=self, from_status=self.status, to_status=self.status,
                                                actor=actor, comment="\n".join(str(line) for line in lines),
                                                changes=changes)
        notify_correction(self, event, old_email=before.get("email", self.email))
        return event
