"""Served-address notices: an organisation tells the municipality it begins or stops serving buildings.

Imported at the end of addresses/models.py, so Django registers these models with the addresses app.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from addresses.models import Address
from addresses.notices.choices import (
    REVIEW_WORKING_DAYS,
    TRANSITIONS,
    AddressDecision,
    BasisKind,
    NoticeKind,
    NoticeStatus,
)
from addresses.notices.querysets import NoticeQuerySet
from portal.numbering import YearlySequence
from portal.workdays import add_working_days
from portal.workflow import Refused, StatusEvent, WorkflowMixin

DECISIONS = ("confirm", "confirm_partly", "reject")


class NoticeRefused(Refused):
    """The action cannot be done; the message says why, in words for the person who asked."""


class NoticeTransitions:
    """The notice's named moves (seed 000); each is one WorkflowMixin.transition."""

    def send(self, *, signature, report, summary):
        """Signed by the organisation (checked by the caller over the text it read): a number and the
        reviewer's deadline. A draft re-saved meanwhile has another text, which this signature does not
        cover: refused, sign again."""
        expected_sha256 = self.text_sha256

        def change(locked):
            if locked.text_sha256 != expected_sha256:
                raise NoticeRefused(gettext("The notice changed while it was being signed: sign it again."))
            now = timezone.now()
            locked.number = NoticeNumber.take_next(timezone.localdate(now).year)
            locked.signature, locked.signature_report, locked.signature_summary = signature, report, summary
            locked.sent_at = now
            locked.due_date = add_working_days(timezone.localdate(now), REVIEW_WORKING_DAYS)

        return self.transition("send", actor=self.organisation, change=change)

    def decide(self, *, action, actor, comment, reviewer_comment, record_items):
        """The reviewer's decision (`action`: confirm, confirm_partly or reject); `record_items(locked)`
        stores the per-address decisions and changes the served list (the service's work across models)
        in the transition's transaction."""
        if action not in DECISIONS:
            raise ValueError(action)

        def change(locked):
            locked.reviewer_comment, locked.decided_at, locked.due_date = reviewer_comment, timezone.now(), None
            record_items(locked)

        return self.transition(action, actor=actor, comment=comment, change=change)


class Notice(NoticeTransitions, WorkflowMixin, models.Model):
    organisation = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notices",
                                     verbose_name=_("organisation account"))
    # A snapshot of the organisation's agreement in force when the draft was made: the signed text and
    # the reviewer's search use it, and a later change of the profile does not rewrite a sent notice.
    org_name = models.CharField(_("organisation"), max_length=250)
    inn = models.CharField(_("INN"), max_length=12, db_index=True)
    kind = models.CharField(_("notice type"), max_length=10, choices=NoticeKind.choices, default=NoticeKind.ADD)
    status = models.CharField(_("status"), max_length=20, choices=NoticeStatus.choices,
                              default=NoticeStatus.DRAFT, db_index=True)
    number = models.CharField(_("number"), max_length=20, unique=True, null=True, blank=True)
    addresses = models.ManyToManyField(Address, through="NoticeAddress", related_name="notices",
                                       verbose_name=_("addresses"))
    basis_kind = models.CharField(_("basis"), max_length=20, choices=BasisKind.choices)
    basis_number = models.CharField(_("number of the contract or of the minutes"), max_length=100)
    basis_date = models.DateField(_("date of the contract or of the meeting"))
    starts_on = models.DateField(_("date"), help_text=_("For adding: the first day of serving; for removing: "
                                                        "the first day the organisation no longer serves."))
    text = models.TextField(_("notice text"), blank=True)
    text_sha256 = models.CharField(_("SHA-256 of the text"), max_length=64, blank=True)
    signature = models.BinaryField(_("signature"), blank=True, default=b"", editable=False)
    signature_report = models.JSONField(_("signature report"), default=dict, blank=True)
    signature_summary = models.TextField(_("signature check"), blank=True)
    reviewer_comment = models.TextField(_("reviewer's comment"), blank=True)
    due_date = models.DateField(_("review due date"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created on"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("served-address notice")
        verbose_name_plural = _("served-address notices")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.number or _("Notice draft No. %(pk)s") % {"pk": self.pk}

    @property
    def text_bytes(self):
        """The exact bytes the organisation signs: the stored text in UTF-8."""
        return self.text.encode("utf-8")

    @property
    def is_adding(self):
        return self.kind == NoticeKind.ADD

    # --- transitions (see portal.workflow) -------------------------------------------------------

    transitions = TRANSITIONS

    def record_move(self, *, old_status, actor, comment):
        return NoticeEvent.objects.create(notice=self, from_status=old_status, to_status=self.status,
                                          actor=actor, comment=comment)

    def notify_move(self, event):
        from addresses.notices.notify import notify_status_change

        notify_status_change(self, event)


class NoticeAddress(models.Model):
    """One building of a notice with the reviewer's decision on it (each address is confirmed or rejected
    on its own); `note` says what confirmation did with it (e.g. skipped as served)."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="items", verbose_name=_("notice"))
    address = models.ForeignKey(Address, on_delete=models.PROTECT, related_name="notice_items",
                                verbose_name=_("address"))
    decision = models.CharField(_("decision"), max_length=10, choices=AddressDecision.choices, blank=True)
    reason = models.CharField(_("reason for rejection"), max_length=1000, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("notice address")
        verbose_name_plural = _("notice addresses")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["notice", "address"], name="notice_address_once")]

    def __str__(self):
        return str(self.address)

    @property
    def is_confirmed(self):
        return self.decision == AddressDecision.CONFIRMED


class NoticeEvent(StatusEvent):
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="events", verbose_name=_("notice"))
    from_status = models.CharField(_("old status"), max_length=20, choices=NoticeStatus.choices, blank=True)
    to_status = models.CharField(_("new status"), max_length=20, choices=NoticeStatus.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("notice history record")
        verbose_name_plural = _("notice history")


class NoticeNumber(YearlySequence):
    """Notice numbers: И-2026-00001."""

    number_format = "И-{year}-{number:05d}"
