"""Interaction agreements between an organisation and the municipality (seed 000)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from agreements.choices import REVIEW_WORKING_DAYS, TRANSITIONS, OrganisationKind, Status
from agreements.querysets import AgreementQuerySet
from portal.numbering import YearlySequence
from portal.workdays import add_working_days
from portal.workflow import Refused, StatusEvent, TransitionNotAllowed, WorkflowMixin

__all__ = ["AgreementTemplate", "Agreement", "AgreementEvent", "AgreementNumber", "AgreementRefused", "Status",
           "OrganisationKind", "TransitionNotAllowed"]


class AgreementRefused(Refused):
    """The action cannot be done; the message says why, in words for the person who asked."""


def _require(text, message):
    if not (text or "").strip():
        raise AgreementRefused(message)
    return text.strip()


class AgreementTransitions:
    """The agreement's named moves (seed 000); each is one WorkflowMixin.transition."""

    def submit(self, *, signature, report, summary, actor=None, comment=""):
        """Signed by the organisation (the signature checked by the caller): to the reviewer, with a
        deadline. The signature is stored with the move, so what was signed and what is under review
        are one and the same row version."""
        expected_sha256 = self.text_sha256

        def change(locked):
            if locked.text_sha256 != expected_sha256:
                raise AgreementRefused(gettext("The agreement text changed while it was being signed: sign it again."))
            locked.signature, locked.signature_report, locked.signature_summary = signature, report, summary
            locked.submitted_at = timezone.now()
            locked.due_date = add_working_days(timezone.localdate(), REVIEW_WORKING_DAYS)

        return self.transition("submit", actor=actor, comment=comment, change=change)

    def accept(self, *, actor, account_for):
        """Number and date the agreement; `account_for(locked)` gives the organisation's account (made by
        the service in this transaction, so the e-mail with the login goes only if all of it commits)."""
        def change(locked):
            today = timezone.localdate()
            locked.number = AgreementNumber.take_next(today.year)
            locked.concluded_on = today
            locked.due_date = None
            locked.organisation = account_for(locked)

        return self.transition("accept", actor=actor, change=change)

    def reject(self, *, actor, reason):
        reason = _require(reason, gettext("Give the reason for the rejection."))

        def change(locked):
            locked.rejection_reason = reason
            locked.due_date = None

        return self.transition("reject", actor=actor, comment=reason, change=change)

    def terminate(self, *, actor, reason):
        reason = _require(reason, gettext("Give the reason for the termination."))

        def change(locked):
            locked.termination_reason = reason

        return self.transition("terminate", actor=actor, comment=reason, change=change)


class AgreementTemplate(models.Model):
    """A version of the agreement text with {{ placeholders }}; a new wording is a new version, and each
    agreement keeps the text rendered for it, so what a party signed never changes."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), help_text=_("Django template: {{ org_full_name }}, {{ inn }}, "
                                                    "{{ ogrn }}, {{ signer_name }} and the other requisites."))
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("agreement template")
        verbose_name_plural = _("agreement templates")
        ordering = ["-version"]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    @classmethod
    def current(cls):
        return cls.objects.filter(is_active=True).order_by("-version").first()


class Agreement(AgreementTransitions, WorkflowMixin, models.Model):
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT,
                              db_index=True)
    number = models.CharField(_("number"), max_length=20, unique=True, null=True, blank=True)
    concluded_on = models.DateField(_("date of conclusion"), null=True, blank=True)

    kind = models.CharField(_("organisation type"), max_length=20, choices=OrganisationKind.choices)
    org_full_name = models.CharField(_("full name of the organisation"), max_length=500)
    org_short_name = models.CharField(_("short name of the organisation"), max_length=250)
    inn = models.CharField(_("INN"), max_length=12, db_index=True)
    kpp = models.CharField(_("KPP"), max_length=9, blank=True)
    ogrn = models.CharField(_("OGRN or OGRNIP"), max_length=15)
    legal_address = models.CharField(_("legal address"), max_length=500)
    postal_address = models.CharField(_("postal address"), max_length=500)
    signer_last_name = models.CharField(_("signer's surname"), max_length=150)
    signer_first_name = models.CharField(_("signer's name"), max_length=150)
    signer_patronymic = models.CharField(_("signer's patronymic"), max_length=150, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=300)
    authority_document = models.CharField(_("authority document"), max_length=300)
    email = models.EmailField(_("contact e-mail"))
    phone = PhoneNumberField(_("contact phone"))

    template = models.ForeignKey(AgreementTemplate, on_delete=models.PROTECT, related_name="agreements",
                                 verbose_name=_("template version"))
    text = models.TextField(_("agreement text"))
    text_sha256 = models.CharField(_("SHA-256 of the text"), max_length=64)
    signature = models.BinaryField(_("signature"), blank=True, default=b"", editable=False)
    signature_report = models.JSONField(_("signature report"), default=dict, blank=True)
    signature_summary = models.TextField(_("signature check"), blank=True)

    organisation = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="agreements", verbose_name=_("organisation account"))
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    termination_reason = models.TextField(_("reason for termination"), blank=True)
    due_date = models.DateField(_("review due date"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created on"), default=timezone.now)
    submitted_at = models.DateTimeField(_("sent for review"), null=True, blank=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("interaction agreement")
        verbose_name_plural = _("interaction agreements")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Seed 000: an organisation has at most one agreement in force.
            models.UniqueConstraint(fields=["inn", "ogrn"], condition=models.Q(status="accepted"),
                                    name="agreement_one_in_force"),
        ]

    def __str__(self):
        return self.number or _("Agreement draft No. %(pk)s") % {"pk": self.pk}

    @property
    def signer_name(self):
        return " ".join(p for p in (self.signer_last_name, self.signer_first_name, self.signer_patronymic) if p)

    @property
    def text_bytes(self):
        """The exact bytes the organisation signs: the stored text in UTF-8."""
        return self.text.encode("utf-8")

    # --- transitions (see portal.workflow) -------------------------------------------------------

    transitions = TRANSITIONS

    def record_move(self, *, old_status, actor, comment):
        return AgreementEvent.objects.create(agreement=self, from_status=old_status, to_status=self.status,
                                             actor=actor, comment=comment)

    def notify_move(self, event):
        from agreements.notify import notify_status_change

        notify_status_change(self, event)


class AgreementEvent(StatusEvent):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="events",
                                  verbose_name=_("agreement"))
    from_status = models.CharField(_("old status"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("new status"), max_length=20, choices=Status.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("agreement history record")
        verbose_name_plural = _("agreement history")


class AgreementNumber(YearlySequence):
    """Agreement numbers: С-2026-00001."""

    number_format = "С-{year}-{number:05d}"
