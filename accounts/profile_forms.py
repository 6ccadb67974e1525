"""Profile forms, one per applicant type (seed 003 "Заполнение профиля").

A profile may be saved half-filled; every filled value is validated, and what is still missing for
submitting applications is listed by services.profile_missing_items.
"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import validators
from accounts.identifier_fields import identifier_field_classes
from accounts.models import ApplicantType, Profile
from accounts.services import REQUIRED_PROFILE_FIELDS

DIGIT_FIELDS = {
    "snils": validators.validate_snils,
    "ogrn": validators.validate_ogrn,
    "ogrnip": validators.validate_ogrnip,
    "passport_series": validators.validate_passport_series,
    "passport_number": validators.validate_passport_number,
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProfileForm(forms.ModelForm):
    applicant_type = None
    inn_validator = None

    class Meta:
        model = Profile
        fields = ()
        widgets = {"birth_date": DateInput(), "passport_issued_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        required = REQUIRED_PROFILE_FIELDS[self.applicant_type]
        for name, field in self.fields.items():
            field.required = False
            if name in required:
                field.label = f"{field.label} *"
                field.widget.attrs["aria-describedby"] = "required-note"
        if "birth_date" in self.fields:
            self.fields["birth_date"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean(self):
        cleaned = super().clean()
        for name, validate in DIGIT_FIELDS.items():
            self._clean_digits(cleaned, name, validate)
        if self.inn_validator:
            self._clean_digits(cleaned, "inn", self.inn_validator)
        if cleaned.get("kpp"):
            cleaned["kpp"] = cleaned["kpp"].strip().upper()
            self._run_validator("kpp", validators.validate_kpp, cleaned["kpp"])
        for name in ("birth_date", "passport_issued_on"):
            self._check_past_date(cleaned, name)
        return cleaned

    def _clean_digits(self, cleaned, name, validate):
        value = cleaned.get(name)
        if name in self.fields and value:
            cleaned[name] = validators.digits_only(value)
            self._run_validator(name, validate, cleaned[name])

    def _run_validator(self, name, validate, value):
        try:
            validate(value)
        except forms.ValidationError as error:
            self.add_error(name, error)

    def _check_past_date(self, cleaned, name):
        value = cleaned.get(name)
        if value and not (datetime.date(1900, 1, 1) <= value <= timezone.localdate()):
            self.add_error(name, _("Enter a real date in the past."))


class IndividualProfileForm(ProfileForm):
    applicant_type = ApplicantType.INDIVIDUAL
    inn_validator = staticmethod(validators.validate_inn_person)

    class Meta(ProfileForm.Meta):
        fields = ("last_name", "first_name", "patronymic", "birth_date", "passport_series", "passport_number",
                  "passport_issued_by", "passport_issued_on", "snils", "inn", "address", "postal_address")
        field_classes = identifier_field_classes(*fields)


class LegalProfileForm(ProfileForm):
    applicant_type = ApplicantType.LEGAL
    inn_validator = staticmethod(validators.validate_inn_legal)

    class Meta(ProfileForm.Meta):
        fields = ("org_full_name", "org_short_name", "inn", "kpp", "ogrn", "legal_address", "postal_address",
                  "head_name", "head_position")
        field_classes = identifier_field_classes(*fields)


class EntrepreneurProfileForm(ProfileForm):
    applicant_type = ApplicantType.ENTREPRENEUR
    inn_validator = staticmethod(validators.validate_inn_person)

    class Meta(ProfileForm.Meta):
        fields = ("last_name", "first_name", "patronymic", "inn", "ogrnip", "address", "postal_address")
        field_classes = identifier_field_classes(*fields)


PROFILE_FORMS = {
    ApplicantType.INDIVIDUAL: IndividualProfileForm,
    ApplicantType.LEGAL: LegalProfileForm,
    ApplicantType.ENTREPRENEUR: EntrepreneurProfileForm,
}


def profile_form_class(user):
    return PROFILE_FORMS[ApplicantType(user.applicant_type)]
