import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from appeals.choices import OPEN_STATUSES, TRANSITIONS, Status
from appeals.models.transitions import AppealTransitions
from appeals.querysets import AppealQuerySet
from portal.numbering import YearlySequence
from portal.workflow import TransitionNotAllowed, WorkflowMixin

__all__ = ["Appeal", "AppealNumber", "TransitionNotAllowed"]

TEXT_MAX_LENGTH = 4000
ANSWER_MAX_LENGTH = 8000
# Federal Law 59-FZ art. 12: an answer within 30 days of registration, counted in calendar days.
DEFAULT_ANSWER_DAYS = 30


def answer_deadline(registered_on):
    """The day the answer is due; APPEALS_ANSWER_DAYS (calendar days) overrides the legal 30."""
    days = getattr(settings, "APPEALS_ANSWER_DAYS", DEFAULT_ANSWER_DAYS)
    return registered_on + datetime.timedelta(days=days)


class Appeal(AppealTransitions, WorkflowMixin, models.Model):
    """An appeal (обращение, seed 001 tables 7-9, seed 003 §3.3): registered with a number when sent;
    its status changes only through the transition methods, each one transaction with a history row
    and notifications."""

    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appeals",
                                  verbose_name=_("applicant"))
    branch = models.ForeignKey("portal.Branch", on_delete=models.PROTECT, related_name="appeals",
                               verbose_name=_("city"))
    topic = models.ForeignKey("appeals.Topic", on_delete=models.PROTECT, related_name="appeals",
                              verbose_name=_("topic"))
    text = models.TextField(_("text of the question"), max_length=TEXT_MAX_LENGTH)
    application = models.ForeignKey("applications.Application", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="appeals", verbose_name=_("application"))
    number = models.CharField(_("number"), max_length=20, unique=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACCEPTED,
                              db_index=True)
    due_date = models.DateField(_("answer due"), db_index=True)
    answer = models.TextField(_("answer"), blank=True, max_length=ANSWER_MAX_LENGTH)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("answered by"))
    answered_at = models.DateTimeField(_("answer sent"), null=True, blank=True)
    registered_at = models.DateTimeField(_("registered"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AppealQuerySet.as_manager()

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-registered_at", "-pk"]
        permissions = [("view_all_branches", _("Can see appeals of every branch"))]
        indexes = [
            models.Index(fields=["applicant", "-registered_at"], name="appeal_applicant_reg_idx"),
            models.Index(fields=["branch", "status", "due_date"], name="appeal_branch_status_due_idx"),
        ]

    def __str__(self):
        return self.number

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.is_open and self.due_date < today

    def answer_files(self):
        return [appeal_file for appeal_file in self.files.all() if appeal_file.role == "answer"]

    def question_files(self):
        return [appeal_file for appeal_file in self.files.all() if appeal_file.role == "question"]

    # --- the history and notices of a status change (see portal.workflow) --------------------

    transitions = TRANSITIONS

    def record_move(self, *, old_status, actor, comment, files=()):
        from appeals.models.history import AppealEvent

        event = AppealEvent.objects.create(appeal=self, from_status=old_status, to_status=self.status,
                                           actor=actor, comment=comment)
        if files:
            event.files.set(files)
        return event

    def notify_move(self, event):
        from appeals.notify import notify_status_change

        notify_status_change(self, event)

    # A staff correction (WorkflowMixin.correct): a misfiled topic, while the appeal is unanswered. The
    # applicant's own text is never changed.
    correctable_fields = ("topic",)
    correctable_statuses = tuple(OPEN_STATUSES)

    def record_correction(self, *, actor, reason, changes, before):
        """The history row the applicant sees (old and new values, the reason) and the notice."""
        from appeals.models.history import AppealEvent
        from appeals.notify import notify_correction

        lines = [_("Corrected by the utility. Reason: %(reason)s") % {"reason": reason}]
        lines += [_("%(field)s: “%(old)s” → “%(new)s”") % {"field": capfirst(self._meta.get_field(name).verbose_name),
                                                          "old": old, "new": new}
                  for name, (old, new) in changes.items()]
        event = AppealEvent.objects.create(appeal=self, from_status=self.status, to_status=self.status, actor=actor,
                                           comment="\n".join(str(line) for line in lines), changes=changes)
        notify_correction(self, event)
        return event


class AppealNumber(YearlySequence):
    """Appeal numbers, a sequence of their own: О-2026-000001."""

    number_format = "О-{year}-{number:06d}"

    class Meta:
        verbose_name = _("appeal numbering")
        verbose_name_plural = _("appeal numbering")
