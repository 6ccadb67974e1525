"""Information systems of organisations, their certificates, delegations of access rights (seed 002) and
the API's replay and idempotency records."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from integrations.choices import (
    DELEGATION_TRANSITIONS,
    SYSTEM_TRANSITIONS,
    DelegationStatus,
    InformationKind,
    SystemKind,
    SystemStatus,
)
from integrations.querysets import DelegationQuerySet, InformationSystemQuerySet
from portal.workflow import Refused, StatusEvent, WorkflowMixin


class IntegrationRefused(Refused):
    """An information-system or delegation action that cannot be done; the message says why."""


class SystemOperator(models.Model):
    """The «Оператор ИС» function of an organisation account (seed 002): granted by a reviewer, it lets the
    organisation register commercial systems that act for other organisations."""

    organisation = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                        related_name="system_operator", verbose_name=_("organisation account"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("granted by"))
    granted_at = models.DateTimeField(_("granted on"), default=timezone.now)

    class Meta:
        verbose_name = _("information system operator")
        verbose_name_plural = _("information system operators")

    def __str__(self):
        return str(self.organisation)


class InformationSystem(WorkflowMixin, models.Model):
    identifier = models.UUIDField(_("system identifier"), default=uuid.uuid4, unique=True, editable=False)
    operator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="information_systems",
                                 verbose_name=_("operator (organisation account)"))
    operator_name = models.CharField(_("operator"), max_length=250)
    operator_inn = models.CharField(_("operator's INN"), max_length=12)
    kind = models.CharField(_("system type"), max_length=20, choices=SystemKind.choices)
    status = models.CharField(_("status"), max_length=20, choices=SystemStatus.choices, default=SystemStatus.DRAFT,
                              db_index=True)
    full_name = models.CharField(_("full name of the system"), max_length=500)
    short_name = models.CharField(_("short name of the system"), max_length=250)
    information_kinds = models.JSONField(_("kinds of information"), default=list)
    region = models.CharField(_("subject of the Russian Federation"), max_length=2)
    oktmo = models.CharField(_("territory (OKTMO)"), max_length=11)
    admin_last_name = models.CharField(_("administrator's surname"), max_length=150)
    admin_first_name = models.CharField(_("administrator's name"), max_length=150)
    admin_patronymic = models.CharField(_("administrator's patronymic"), max_length=150, blank=True)
    admin_position = models.CharField(_("administrator's position"), max_length=300)
    admin_phone = PhoneNumberField(_("administrator's phone"))
    admin_email = models.EmailField(_("administrator's e-mail"))
    security_confirmed_at = models.DateTimeField(_("security requirements confirmed"))
    agreement_confirmed_at = models.DateTimeField(_("interaction agreement accepted"))

    text = models.TextField(_("application text"))
    text_sha256 = models.CharField(_("SHA-256 of the text"), max_length=64)
    signature = models.BinaryField(_("signature"), blank=True, default=b"", editable=False)
    signature_report = models.JSONField(_("signature report"), default=dict, blank=True)
    signature_summary = models.TextField(_("signature check"), blank=True)
    rejection_reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("created on"), default=timezone.now)
    submitted_at = models.DateTimeField(_("sent for review"), null=True, blank=True)
    activated_at = models.DateTimeField(_("activated on"), null=True, blank=True)

    objects = InformationSystemQuerySet.as_manager()

    class Meta:
        verbose_name = _("information system")
        verbose_name_plural = _("information systems")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.short_name

    @property
    def text_bytes(self):
        """The exact bytes signed with the system's key: the stored application text in UTF-8."""
        return self.text.encode("utf-8")

    @property
    def certificate(self):
        """The certificate the system signs with now (the latest one registered), or None."""
        return self.certificates.filter(replaced_at__isnull=True).order_by("-pk").first()

    def information_kind_labels(self):
        return [InformationKind(kind).label for kind in self.information_kinds if kind in InformationKind.values]

    transitions = SYSTEM_TRANSITIONS

    def submit(self, *, signature, report, summary):
        """Signed with the system's key (checked by the caller): sent for the reviewer's decision."""
        def change(locked):
            locked.signature, locked.signature_report, locked.signature_summary = signature, report, summary
            locked.submitted_at = timezone.now()

        return self.transition("submit", actor=self.operator, change=change)

    def activate(self, *, actor):
        def change(locked):
            locked.activated_at = timezone.now()

        return self.transition("activate", actor=actor, change=change)

    def reject(self, *, actor, reason):
        def change(locked):
            locked.rejection_reason = reason

        return self.transition("reject", actor=actor, comment=reason, change=change)

    def block(self, *, actor, reason):
        return self.transition("block", actor=actor, comment=reason)

    def unblock(self, *, actor):
        return self.transition("unblock", actor=actor)

    def renew_certificate(self, *, certificate, comment):
        """Close the current certificate and register `certificate` (an unsaved SystemCertificate) with the
        move, so the history says which replaced which."""
        def change(locked):
            now = timezone.now()
            SystemCertificate.objects.filter(system=locked, replaced_at__isnull=True).update(replaced_at=now)
            certificate.added_at = now
            certificate.save()

        return self.transition("renew_certificate", actor=self.operator, comment=comment, change=change)

    def record_move(self, *, old_status, actor, comment):
        return SystemEvent.objects.create(system=self, from_status=old_status, to_status=self.status,
                                          actor=actor, comment=comment)

    def notify_move(self, event):
        from integrations.notify import notify_system_move

        notify_system_move(self, event)


class SystemEvent(StatusEvent):
    system = models.ForeignKey(InformationSystem, on_delete=models.CASCADE, related_name="events",
                               verbose_name=_("information system"))
    from_status = models.CharField(_("old status"), max_length=20, choices=SystemStatus.choices, blank=True)
    to_status = models.CharField(_("new status"), max_length=20, choices=SystemStatus.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("information system history record")
        verbose_name_plural = _("information system history")

    def __str__(self):
        return f"{self.system} {self.created_at:%d.%m.%Y %H:%M}"


class SystemCertificate(models.Model):
    """A qualified certificate of the system's key (seed 002: exported as DER .cer). A renewal adds a row
    and closes the previous one, so the history of keys stays."""

    system = models.ForeignKey(InformationSystem, on_delete=models.CASCADE, related_name="certificates",
                               verbose_name=_("information system"))
    der = models.BinaryField(_("certificate (DER)"), editable=False)
    sha256 = models.CharField(_("SHA-256 of the certificate"), max_length=64, db_index=True)
    serial = models.CharField(_("serial number"), max_length=80)
    issuer = models.CharField(_("issuer"), max_length=500)
    subject = models.CharField(_("owner"), max_length=500)
    not_before = models.DateTimeField(_("valid from"))
    not_after = models.DateTimeField(_("valid until"))
    added_at = models.DateTimeField(_("registered on"), default=timezone.now)
    replaced_at = models.DateTimeField(_("replaced on"), null=True, blank=True)

    class Meta:
        verbose_name = _("information system certificate")
        verbose_name_plural = _("information system certificates")
        ordering = ["-added_at", "-pk"]

    def __str__(self):
        return f"{self.serial} ({self.subject})"


class Delegation(WorkflowMixin, models.Model):
    """A request of an organisation granting an information system the right to send kinds of
    information for it during a period (seed 002 «Предоставление прав доступа»)."""

    organisation = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="delegations",
                                     verbose_name=_("organisation account"))
    org_name = models.CharField(_("organisation"), max_length=250)
    inn = models.CharField(_("INN"), max_length=12, db_index=True)
    ogrn = models.CharField(_("OGRN or OGRNIP"), max_length=15)
    system = models.ForeignKey(InformationSystem, on_delete=models.PROTECT, related_name="delegations",
                               verbose_name=_("information system"))
    information_kinds = models.JSONField(_("kinds of information"), default=list)
    starts_on = models.DateField(_("rights valid from"))
    ends_on = models.DateField(_("rights valid until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=DelegationStatus.choices,
                              default=DelegationStatus.SENT, db_index=True)
    provider_id = models.UUIDField(_("information provider identifier"), null=True, blank=True, unique=True)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("sent on"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)

    objects = DelegationQuerySet.as_manager()

    class Meta:
        verbose_name = _("delegation of access rights")
        verbose_name_plural = _("delegations of access rights")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.org_name} → {self.system}"

    def information_kind_labels(self):
        return [InformationKind(kind).label for kind in self.information_kinds if kind in InformationKind.values]

    def in_force_on(self, day):
        return (self.status == DelegationStatus.ACCEPTED and self.starts_on <= day
                and (self.ends_on is None or day <= self.ends_on))

    transitions = DELEGATION_TRANSITIONS

    def accept(self, *, actor):
        """Accepted rights give the organisation its information-provider identifier (seed 002)."""
        def change(locked):
            locked.provider_id = locked.provider_id or uuid.uuid4()
            locked.decided_at = timezone.now()

        return self.transition("accept", actor=actor, change=change)

    def reject(self, *, actor, reason):
        def change(locked):
            locked.reason, locked.decided_at = reason, timezone.now()

        return self.transition("reject", actor=actor, comment=reason, change=change)

    def revoke(self, *, actor, reason=""):
        return self.transition("revoke", actor=actor, comment=reason)

    def record_move(self, *, old_status, actor, comment):
        return DelegationEvent.objects.create(delegation=self, from_status=old_status, to_status=self.status,
                                              actor=actor, comment=comment)

    def notify_move(self, event):
        from integrations.notify import notify_delegation_move

        notify_delegation_move(self, event)


class DelegationEvent(StatusEvent):
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="events",
                                   verbose_name=_("delegation"))
    from_status = models.CharField(_("old status"), max_length=20, choices=DelegationStatus.choices, blank=True)
    to_status = models.CharField(_("new status"), max_length=20, choices=DelegationStatus.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("delegation history record")
        verbose_name_plural = _("delegation history")

    def __str__(self):
        return f"{self.delegation} {self.created_at:%d.%m.%Y %H:%M}"


class ApiNonce(models.Model):
    """An X-Request-Id the API has accepted: the same id again is a replay. Rows older than twice the clock
    window are purged (such a request fails the signing-time check anyway)."""

    system = models.ForeignKey(InformationSystem, on_delete=models.CASCADE, related_name="+")
    request_id = models.UUIDField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("accepted API request")
        verbose_name_plural = _("accepted API requests")
        constraints = [models.UniqueConstraint(fields=["system", "request_id"], name="api_request_once_per_system")]

    def __str__(self):
        return str(self.request_id)


class IdempotentResponse(models.Model):
    """The answer to a creating request, kept under the client's Idempotency-Key: a retry gets the same
    answer instead of a second object. `key` is scoped: provider, method and path, then the client's key."""

    system = models.ForeignKey(InformationSystem, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    request_sha256 = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    body = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("idempotent API answer")
        verbose_name_plural = _("idempotent API answers")
        constraints = [models.UniqueConstraint(fields=["system", "key"], name="idempotency_key_once_per_system")]

    def __str__(self):
        return self.key
