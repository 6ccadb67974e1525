from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.db import transaction
from django.urls import reverse
from django.utils.formats import time_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from accounts import identifiers, phones, services
from accounts.models import ApplicantType, ConsentDocument
from accounts.validators import digits_only


def locked_login_message(until):
    return _("Too many failed attempts. Logging in with this login is blocked until %(time)s; "
             "try again later or reset the password.") % {"time": time_format(localtime(until), "H:i")}


class PortalCaptchaInput(CaptchaTextInput):
    """The captcha with a Russian text alternative, a label, «Другая картинка» and the audio link."""

    template_name = "accounts/captcha_widget.html"


class SignupForm(AllauthSignupForm):
    """Registration (seed 001 tables 2-3, seed 003 §2): the name field follows the applicant type."""

    applicant_type = forms.ChoiceField(label=_("Applicant type"), choices=ApplicantType.choices,
                                       widget=forms.RadioSelect, initial=ApplicantType.INDIVIDUAL)
    full_name = forms.CharField(label=_("Full name"), max_length=500,
                                help_text=_("Used to fill in your applications automatically."))
    phone = PhoneNumberField(label=_("Mobile phone"), region="RU", validators=[phones.validate_mobile],
                             help_text=_("A confirmation code will be sent in an SMS, e.g. +7 912 345-67-89."),
                             error_messages={"invalid": _("Enter a valid phone number, e.g. +7 912 345-67-89.")})
    captcha = CaptchaField(label=_("Characters in the picture"), widget=PortalCaptchaInput,
                           error_messages={"invalid": _("The characters do not match the picture. Try again.")})
    consent = forms.BooleanField(label=_("I agree to the processing of my personal data"),
                                 error_messages={"required": _("Registration needs your consent to the processing "
                                                               "of personal data.")})

    field_order = ["applicant_type", "full_name", "email", "username", "phone", "password1", "password2",
                   "captcha", "consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Login")
        self.fields["username"].help_text = _(
            "Letters, digits and the characters «.», «+», «-» and «_» (no «@»: the login is not an e-mail address).")
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        for name in ("username", "email", "password1", "password2"):
            self.fields[name].widget.attrs["placeholder"] = ""
        self.fields["email"].label = _("E-mail")
        self.fields["password2"].label = _("Password again")
        self.fields["full_name"].widget.attrs.update({
            "data-label-individual": _("Full name"),
            "data-label-legal": _("Organisation name"),
            "data-label-entrepreneur": _("Full name of the entrepreneur"),
        })
        if self.data.get("applicant_type") == ApplicantType.LEGAL:
            self.fields["full_name"].label = _("Organisation name")
        self.consent_document = ConsentDocument.current()
        self.fields["consent"].help_text = format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("accounts:consent_document"), _("Read the consent text (opens in a new tab)"))
        self.order_fields(self.field_order)

    def clean(self):
        cleaned = super().clean()
        if self.consent_document is None:
            raise forms.ValidationError(_("Registration is closed for a while: the consent text is not published. "
                                          "Please try later."), code="no_consent_document")
        return cleaned

    def clean_full_name(self):
        return " ".join(self.cleaned_data["full_name"].split())

    def save(self, request):
        with transaction.atomic():
            user = super().save(request)
            services.registration_complete(user=user, consent_document=self.consent_document,
                                           ip_address=request.META.get("REMOTE_ADDR"))
        return user


class LoginForm(AllauthLoginForm):
    """Seed 001 fig. 5: login by login name (or e-mail) and password."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Login or e-mail")
        self.fields["login"].widget.attrs["placeholder"] = ""
        self.fields["password"].widget.attrs["placeholder"] = ""
        self.fields["password"].help_text = ""  # the page has its own "forgot the password" link

    def user_credentials(self):
        """Either an e-mail address or a login name, never both (accounts.identifiers): allauth would
        also try an address-like text as a login name and then treat the account as owning it."""
        login = self.cleaned_data["login"]
        kind = "email" if identifiers.looks_like_email(login) else "username"
        credentials = {kind: login}
        if self.cleaned_data.get("password"):
            credentials["password"] = self.cleaned_data["password"]
        return credentials


class LoginOrEmailResetPasswordForm(AllauthResetPasswordForm):
    """Seed 001 fig. 6: the password is recovered by login; an e-mail address works too.

    Enumeration (issue 11): the answer is the same page whether or not an account matched; the
    link goes only to a verified address of the account; an unknown address gets allauth's
    "no account with this address" letter, an unknown login nothing (there is no mailbox to tell).
    """

    email = forms.CharField(label=_("Login or e-mail"), max_length=254,
                            error_messages={"required": _("Enter the login or the e-mail address.")})

    def clean_email(self):
        typed = self.cleaned_data["email"].strip()
        self.typed_address = typed if identifiers.looks_like_email(typed) else None
        if self.typed_address:
            self.users = identifiers.users_by_verified_email(typed, is_active=True)
            return typed.lower()
        user = identifiers.user_by_login_name(typed, is_active=True)
        address = identifiers.verified_primary_email(user) if user else None
        self.users = [user] if address else []
        return address or ""

    def save(self, request, **kwargs):
        if not self.users and not self.typed_address:
            return ""  # an unknown login: nothing to send, and the page says the same as for a known one
        return super().save(request, **kwargs)


class PhoneCodeForm(forms.Form):
    code = forms.CharField(label=_("Code from the SMS"), max_length=6, min_length=6,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code",
                                                         "class": "code-input", "pattern": "[0-9]*"}),
                           error_messages={"min_length": _("The code has 6 digits."),
                                           "max_length": _("The code has 6 digits."),
                                           "required": _("Enter the code from the SMS.")})

    def clean_code(self):
        code = digits_only(self.cleaned_data["code"])
        if len(code) != 6 or not code.isdigit():
            raise forms.ValidationError(_("The code has 6 digits."))
        return code


class PhoneChangeForm(forms.Form):
    phone = PhoneNumberField(label=_("New mobile phone"), region="RU", validators=[phones.validate_mobile],
                             error_messages={"invalid": _("Enter a valid phone number, e.g. +7 912 345-67-89.")})

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if self.user.phone_confirmed and phone == self.user.phone:
            raise forms.ValidationError(_("This number is already confirmed for your account."))
        return phone
