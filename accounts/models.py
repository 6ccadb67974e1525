from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from accounts.querysets import UserManager


class ApplicantType(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    LEGAL = "legal", _("Legal entity")
    ENTREPRENEUR = "entrepreneur", _("Sole proprietor")


class User(AbstractUser):
    """A person who logs in: an applicant (with a type) or a staff member (no type)."""

    applicant_type = models.CharField(_("applicant type"), max_length=20, choices=ApplicantType.choices, blank=True)
    # ФИО or the organisation's name as typed at registration; pre-fills the profile and applications.
    full_name = models.CharField(_("full name or organisation name"), max_length=500, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    phone_confirmed_at = models.DateTimeField(_("phone confirmed at"), null=True, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.display_name_of(self.full_name, self.first_name, self.last_name, self.username)

    @staticmethod
    def display_name_of(full_name, first_name, last_name, username):
        """The display name from the columns, for pages that read them with values()."""
        return full_name or f"{first_name} {last_name}".strip() or username

    @property
    def phone_confirmed(self):
        return bool(self.phone and self.phone_confirmed_at)

    @property
    def is_applicant(self):
        return bool(self.applicant_type)


class Profile(models.Model):
    """Applicant's requisites (seed 003 "Заполнение профиля"); which fields apply depends on the type."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    last_name = models.CharField(_("surname"), max_length=150, blank=True)
    first_name = models.CharField(_("name"), max_length=150, blank=True)
    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    passport_series = models.CharField(_("passport series"), max_length=4, blank=True)
    passport_number = models.CharField(_("passport number"), max_length=6, blank=True)
    passport_issued_by = models.CharField(_("passport issued by"), max_length=300, blank=True)
    passport_issued_on = models.DateField(_("passport issue date"), null=True, blank=True)
    snils = models.CharField(_("SNILS"), max_length=11, blank=True)
    inn = models.CharField(_("INN"), max_length=12, blank=True, db_index=True)
    org_full_name = models.CharField(_("full name of the organisation"), max_length=500, blank=True)
    org_short_name = models.CharField(_("short name of the organisation"), max_length=250, blank=True)
    kpp = models.CharField(_("KPP"), max_length=9, blank=True)
    ogrn = models.CharField(_("OGRN"), max_length=13, blank=True, db_index=True)
    ogrnip = models.CharField(_("OGRNIP"), max_length=15, blank=True, db_index=True)
    address = models.CharField(_("registration address"), max_length=500, blank=True)
    legal_address = models.CharField(_("legal address"), max_length=500, blank=True)
    postal_address = models.CharField(_("postal address"), max_length=500, blank=True)
    head_name = models.CharField(_("head's full name"), max_length=300, blank=True)
    head_position = models.CharField(_("head's position"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("applicant profile")
        verbose_name_plural = _("applicant profiles")

    def __str__(self):
        return str(self.user)


class ConsentDocument(models.Model):
    """A version of the personal-data processing consent; the text a user agreed to never changes."""

    version = models.CharField(_("version"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    published_at = models.DateTimeField(_("published at"), default=timezone.now)

    class Meta:
        verbose_name = _("consent document")
        verbose_name_plural = _("consent documents")
        ordering = ["-published_at"]

    def __str__(self):
        return f"{self.title} ({self.version})"

    @classmethod
    def current(cls):
        return cls.objects.filter(published_at__lte=timezone.now()).first()


class Consent(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents")
    document = models.ForeignKey(ConsentDocument, on_delete=models.PROTECT, related_name="consents")
    accepted_at = models.DateTimeField(_("accepted at"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self):
        return f"{self.document} — {self.accepted_at:%d.%m.%Y %H:%M}"


class PhoneVerification(models.Model):
    """A 6-digit SMS code for one phone number; the code itself is kept only as an HMAC."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="phone_verifications")
    phone = PhoneNumberField(_("phone"))
    # What the code is for: confirming the phone, or signing with a simple e-signature (signing.simple).
    purpose = models.CharField(_("purpose"), max_length=30, default="phone", db_index=True)
    code_hmac = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    attempts_left = models.PositiveSmallIntegerField()
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("phone verification")
        verbose_name_plural = _("phone verifications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self):
        return f"{self.purpose} {self.created_at:%d.%m.%Y %H:%M}"


class LoginLock(models.Model):
    """Consecutive failed logins of one account (or of one unknown login name)."""

    key = models.CharField(max_length=200, unique=True)
    failures = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    last_failure_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("login lock")
        verbose_name_plural = _("login locks")

    def __str__(self):
        return self.key
