from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from accounts.identifier_fields import InnField, OgrnField, PassportNumberField, SnilsField
from accounts.models import User
from accounts.validators import digits_only, inn_is_valid, ogrn_is_valid, ogrnip_is_valid, snils_is_valid
from addresses.models import Address
from frontoffice import geometry
from frontoffice.models import OPTIONAL_FIELDS
from frontoffice.services import APPLICANT_TYPES

passport_number = RegexValidator(r"^\d{6}$", _("Type the 6 digits of the passport number, without the series."))


class IntakeForm(forms.Form):
    """Seed 004 fig. 6. The applicant is picked from suggestions (applicant) or typed as a new one; the
    fields the service's configuration names (Service.required_fields) are required too."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    applicant = forms.ModelChoiceField(queryset=User.objects.filter(applicant_type__in=APPLICANT_TYPES,
                                                                    is_active=True),
                                       required=False, widget=forms.HiddenInput)
    applicant_query = forms.CharField(label=_("Organisation or citizen: INN, OGRN, SNILS, name or address"),
                                      required=False, max_length=300)
    new_name = forms.CharField(label=_("Name of the organisation or full name of the citizen"), required=False,
                               max_length=300)
    # Typed with separators as people write them (accounts.identifier_fields), checked by their rules below.
    new_inn = InnField(label=_("INN of the organisation or sole proprietor"), required=False)
    new_ogrn = OgrnField(label=_("Its OGRN or OGRNIP"), required=False)
    new_snils = SnilsField(label=_("SNILS of the citizen"), required=False)
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

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        for name in service.required_fields or []:
            if name in OPTIONAL_FIELDS:
                self.fields[name].required = True
                self.fields[name].error_messages["required"] = _("This service needs it: fill it in.")

    def clean_submission_key(self):
        key = self.cleaned_data["submission_key"]
        if key is None:
            raise ValidationError(_("The form is out of date: open it again."))
        return key

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

    def clean_new_snils(self):
        snils = digits_only(self.cleaned_data["new_snils"])
        if snils and not snils_is_valid(snils):
            raise ValidationError(_("The SNILS check number does not match: check the number."))
        return snils

    def clean(self):
        """The applicant is picked, or new: a name with an INN (organisation, sole proprietor) or with a
        SNILS (citizen)."""
        data = super().clean()
        if data.get("applicant") or {"new_inn", "new_snils"} & set(self.errors):
            return data
        if not (data.get("new_name") and (data.get("new_inn") or data.get("new_snils"))):
            self.add_error("applicant_query", _("Choose the applicant from the suggestions, or give the name "
                                                "and INN of a new organisation or the full name and SNILS of "
                                                "a new citizen."))
        return data


class Attachments:
    """The documents of one intake form (seed 004 fig. 8): each kept file (frontoffice.staging) with its
    description and the service's document kind it is; errors per file, per required kind, and overall.

    entries: [(StagedFile, description, ServiceDocument pk or "")]; refused: [(file name, reason)] of
    files not kept.
    """

    def __init__(self, *, service, entries, refused=()):
        self.documents = list(service.documents.all())
        by_pk = {str(document.pk): document for document in self.documents}
        self.items, seen = [], set()
        for stored, description, kind in entries:
            description = description.strip()[:300]
            error = "" if description else _("Describe the document.")
            repeated = bool(stored.sha256) and stored.sha256 in seen
            if repeated:
                error = _("The same file is attached above: remove the repeat.")
            seen.add(stored.sha256)
            self.items.append({"staged": stored, "description": description, "kind": by_pk.get(kind),
                               "error": error, "repeated": repeated})
        self.refused = list(refused)
        self.missing = [document for document in self.documents
                        if document.is_required and not any(item["kind"] == document for item in self.items)]

    @property
    def error(self):
        if not self.items:
            return _("Attach the documents the representative brought.")
        if any(item["repeated"] for item in self.items):
            return _("A file is attached twice: remove the repeat.")
        if any(item["error"] for item in self.items):
            return _("Describe every attached document.")
        if self.missing:
            return _("Some required documents are missing: choose which document each file is.")
        return ""

    def is_valid(self):
        return not self.error and not self.refused

    def as_files(self, as_upload):
        """[(upload, description, ServiceDocument|None)] for frontoffice.services.intake_register."""
        return [(as_upload(item["staged"]), item["description"], item["kind"]) for item in self.items]
