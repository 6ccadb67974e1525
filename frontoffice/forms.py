from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from accounts.identifier_fields import InnField, OgrnField, PassportNumberField
from accounts.models import User
from accounts.validators import digits_only, inn_is_valid, ogrn_is_valid, ogrnip_is_valid
from addresses.models import Address
from frontoffice import geometry
from frontoffice.services import ORGANISATION_TYPES

passport_number = RegexValidator(r"^\d{6}$", _("Type the 6 digits of the passport number, without the series."))


class IntakeForm(forms.Form):
    """Seed 004 fig. 6. The applicant is picked from suggestions (applicant) or typed as a new one."""

    applicant = forms.ModelChoiceField(queryset=User.objects.filter(applicant_type__in=ORGANISATION_TYPES),
                                       required=False, widget=forms.HiddenInput)
    applicant_query = forms.CharField(label=_("Organisation: INN, OGRN, name or address"), required=False,
                                      max_length=300)
    new_name = forms.CharField(label=_("Name of an organisation the portal does not know"), required=False,
                               max_length=300)
    # Typed with separators as people write them (accounts.identifier_fields), checked by their rules below.
    new_inn = InnField(label=_("Its INN"), required=False)
    new_ogrn = OgrnField(label=_("Its OGRN or OGRNIP"), required=False)
    representative_name = forms.CharField(label=_("Representative's full name"), max_length=300)
    representative_passport = PassportNumberField(label=_("Passport number (6 digits, without the series)"),
                                                  validators=[passport_number])
    address = forms.ModelChoiceField(queryset=Address.objects.filter(is_active=True), required=False,
                                     widget=forms.HiddenInput)
    address_query = forms.CharField(label=_("Address"), max_length=1000, required=False)
    address_detail = forms.CharField(label=_("Address or place of works in detail"), max_length=500, required=False)
    comment = forms.CharField(label=_("Comment"), required=False, max_length=4000, widget=forms.Textarea(attrs={
        "rows": 2}))
    geometry = forms.CharField(label=_("Coordinates"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                               help_text=_("Drawn on the map, or typed: «latitude, longitude» for each point, "
                                           "separated by «;»; repeat the first point at the end for a polygon."))

    def clean_geometry(self):
        return geometry.parse(self.cleaned_data["geometry"])

    def clean_address(self):
        address = self.cleaned_data["address"]
        if address is None:
            raise ValidationError(_("Choose the address from the suggestions (the nearest known one if the "
                                    "register lacks it, and give the details below)."))
        return address

    def clean_new_inn(self):
        inn = digits_only(self.cleaned_data["new_inn"])
        if inn and not (len(inn) in (10, 12) and inn_is_valid(inn)):
            raise ValidationError(_("The INN check digit does not match: check the number."))
        return inn

    def clean_new_ogrn(self):
        ogrn = digits_only(self.cleaned_data["new_ogrn"])
        if ogrn and not (ogrn_is_valid(ogrn) if len(ogrn) == 13 else ogrnip_is_valid(ogrn)):
            raise ValidationError(_("The OGRN check digit does not match: check the number."))
        return ogrn

    def clean(self):
        data = super().clean()
        if not data.get("applicant") and not (data.get("new_name") and data.get("new_inn")):
            if "new_inn" not in self.errors:
                self.add_error("applicant_query", _("Choose the organisation from the suggestions or give the "
                                                    "name and INN of a new one."))
        return data
