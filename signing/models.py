"""Stored trust: anchors, intermediates and CRLs uploaded in admin or fetched; and verification records.

Certificates and CRLs are kept as DER in the database rather than as files: they are small, the
verifier needs the bytes, and app servers keep no state (see DESIGN, "Settings and running").
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TrustedCertificate(models.Model):
    class Kind(models.TextChoices):
        ROOT = "root", _("Root (trust anchor)")
        INTERMEDIATE = "intermediate", _("Intermediate")
        TSA = "tsa", _("Timestamp authority (TSA)")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ROOT)
    source_name = models.CharField(_("uploaded file"), max_length=255, blank=True)
    der = models.BinaryField(_("certificate (DER)"))
    subject = models.TextField(_("certificate subject"))
    issuer = models.TextField(_("issuer"))
    serial = models.CharField(_("serial number"), max_length=80)
    not_before = models.DateTimeField(_("valid from"))
    not_after = models.DateTimeField(_("valid to"))
    thumbprint = models.CharField(_("SHA-1 thumbprint"), max_length=40, unique=True)
    crl_urls = models.JSONField(_("CRL distribution points"), default=list, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)  # part of the trust-store cache key

    class Meta:
        verbose_name = _("trusted certificate")
        verbose_name_plural = _("trusted certificates")
        ordering = ("kind", "subject")

    def __str__(self):
        return self.subject


class RevocationList(models.Model):
    issuer = models.TextField(_("issuer"))
    der = models.BinaryField(_("CRL (DER)"))
    fingerprint = models.CharField(_("SHA-256 fingerprint"), max_length=64, unique=True)
    this_update = models.DateTimeField(_("issued"))
    next_update = models.DateTimeField(_("next update"), null=True, blank=True)
    revoked_count = models.PositiveIntegerField(_("revoked certificates"), default=0)
    # Blank for an uploaded CRL; a fetched one replaces the previous CRL from the same address.
    source_url = models.URLField(_("downloaded from"), max_length=500, blank=True, db_index=True)
    fetched_at = models.DateTimeField(_("downloaded at"), null=True, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)  # part of the trust-store cache key

    class Meta:
        verbose_name = _("certificate revocation list")
        verbose_name_plural = _("certificate revocation lists")
        ordering = ("issuer", "-this_update")

    def __str__(self):
        return self.issuer


class SignatureVerificationQuerySet(models.QuerySet):
    def for_user(self, user):
        """A person sees only the checks they made; anonymous checks belong to nobody."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(created_by=user)


class SignatureVerification(models.Model):
    document_name = models.CharField(_("document"), max_length=255, blank=True)
    document_sha256 = models.CharField(_("document SHA-256"), max_length=64, db_index=True)
    signature_sha256 = models.CharField(_("signature SHA-256"), max_length=64, db_index=True)
    is_valid = models.BooleanField(_("valid"))
    indication = models.CharField(_("indication"), max_length=20)
    subindication = models.CharField(_("sub-indication"), max_length=40, blank=True)
    summary = models.TextField(_("summary"))
    report = models.JSONField(_("report"))
    signer_name = models.CharField(_("signer"), max_length=255, blank=True)
    # Set when the caller said who must sign (signing.services.ExpectedSigner); None: not compared.
    signer_matches = models.BooleanField(_("signer matches"), null=True, blank=True)
    signer_match_reason = models.TextField(_("signer match"), blank=True)
    created_at = models.DateTimeField(_("checked at"), auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("checked by"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = SignatureVerificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("signature verification")
        verbose_name_plural = _("signature verifications")
        ordering = ("-created_at", "-pk")

    def __str__(self):
        return self.summary


class SimpleSignatureConsent(models.Model):
    """An individual's acceptance of the agreement on recognising the simple e-signature (63-FZ art. 9
    part 2; ПП РФ №644 п. 90(1)), per agreement version."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("user"))
    version = models.CharField(_("agreement version"), max_length=20)
    accepted_at = models.DateTimeField(_("accepted at"))
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("simple e-signature agreement")
        verbose_name_plural = _("simple e-signature agreements")
        constraints = [models.UniqueConstraint(fields=["user", "version"], name="simple_consent_once_per_version")]

    def __str__(self):
        return f"{self.user_id}: {self.version}"


class SimpleSignatureAct(models.Model):
    """The act of signing with a simple e-signature: who (user, confirmed phone), when, from where, what
    (every document with its Streebog-256 hash) and how the key was checked: the SMS code's request and
    check times (method "sms"), or the person's confirmed ESIA login (method "esia": the ESIA oid, the
    account's trust level and the time ESIA authenticated the person). `subject` names the signed object
    ("applications.application:42")."""

    class Method(models.TextChoices):
        SMS = "sms", _("code sent by SMS")
        ESIA = "esia", _("confirmed through Gosuslugi (ESIA)")

    subject = models.CharField(_("signed object"), max_length=100, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("signer"))
    signer_name = models.CharField(_("signer's name"), max_length=255)
    method = models.CharField(_("how the signer was confirmed"), max_length=10, choices=Method.choices,
                              default=Method.SMS)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    signed_at = models.DateTimeField(_("signed at"))
    consent = models.ForeignKey(SimpleSignatureConsent, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("agreement accepted"))
    documents = models.JSONField(_("documents"))  # [{"name": ..., "streebog256": hex}]
    code_sent_at = models.DateTimeField(_("code sent at"), null=True, blank=True)
    code_checked_at = models.DateTimeField(_("code checked at"), null=True, blank=True)
    esia_oid = models.CharField(_("ESIA person id"), max_length=40, blank=True)
    esia_trust = models.CharField(_("ESIA account level"), max_length=40, blank=True)
    esia_authenticated_at = models.DateTimeField(_("authenticated by ESIA at"), null=True, blank=True)

    class Meta:
        verbose_name = _("simple e-signature act")
        verbose_name_plural = _("simple e-signature acts")
        ordering = ("-signed_at",)

    def __str__(self):
        return _("Simple e-signature act No. %(number)s") % {"number": self.pk}
