from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.identifier_fields import InnField
from accounts.validators import digits_only, inn_is_valid
from passports.choices import Status
from passports.models import EngineeringSystem, Passport
from signing import posted

GENERAL = ["year_built", "floors", "entrances", "flats", "total_area", "living_area", "wall_material", "energy_class"]
MANAGER = ["manager_name", "manager_inn"]


def _date_widget():
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class PassportForm(forms.ModelForm):
    """The passport's own fields. A draft may be incomplete: completeness is the check's business
    (passports.validation); the form only refuses what cannot be stored (letters in a number, …)."""

    class Meta:
        model = Passport
        fields = ["reporting_date", *GENERAL, *MANAGER]
        widgets = {"reporting_date": _date_widget()}
        field_classes = {"manager_inn": InnField}  # typed with separators, sized for them
        help_texts = {"manager_inn": _("10 digits for an organisation, 12 for a sole proprietor."),
                      "living_area": _("Cannot be greater than the total area.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("total_area", "living_area"):
            # Russian decimals are written with a comma: "1234,5".
            self.fields[name].localize = True
            self.fields[name].widget = forms.TextInput(attrs={"inputmode": "decimal"})
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Fieldset(_("General data"), Div(*[Div(name, css_class="col-md-3") for name in ["reporting_date", *GENERAL]],
                                            css_class="row")),
            Fieldset(_("Managing organisation"), Div(Div("manager_name", css_class="col-md-8"),
                                                     Div("manager_inn", css_class="col-md-4"), css_class="row")),
        )

    def clean_manager_inn(self):
        inn = digits_only(self.cleaned_data.get("manager_inn"))
        if inn and not inn_is_valid(inn):
            raise ValidationError(_("The INN is not valid: it must be 10 or 12 digits with correct check digits."),
                                  code="inn_invalid")
        return inn


class SystemForm(forms.ModelForm):
    """One engineering system; its prefix is its kind, so six of them post side by side."""

    class Meta:
        model = EngineeringSystem
        fields = ["supply", "state", "meter_installed", "meter_number", "meter_verified_on"]
        widgets = {"meter_verified_on": _date_widget()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(Div(
            Div("supply", css_class="col-md-3"), Div("state", css_class="col-md-3"),
            Div("meter_installed", css_class="col-md-2 pt-md-4"), Div("meter_number", css_class="col-md-2"),
            Div("meter_verified_on", css_class="col-md-2"), css_class="row"))

    def clean(self):
        data = super().clean()
        if not data.get("meter_installed") and (data.get("meter_number") or data.get("meter_verified_on")):
            self.add_error("meter_installed", ValidationError(
                _("Tick this box if the meter is installed, or clear the meter's number and date."),
                code="meter_not_ticked"))
        return data


SignatureUploadForm = posted.SignatureUploadForm  # the one intake's form (signing/posted.py)


class RemarksForm(forms.Form):
    remarks = forms.CharField(label=_("Remarks for the organisation"), max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              error_messages={"required": _("Write the remarks: the organisation needs to know "
                                                            "what to fix.")})


class _FilterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"


class OrganisationFilterForm(_FilterForm):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))] + Status.choices)
    q = forms.CharField(label=_("Address or number"), required=False, max_length=200)


REVIEW_STATUSES = [(s.value, s.label) for s in (Status.SENT, Status.RETURNED, Status.ACCEPTED, Status.SUPERSEDED)]


class StaffFilterForm(_FilterForm):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))] + REVIEW_STATUSES)
    deadline = forms.ChoiceField(label=_("Review due"), required=False,
                                 choices=[("", _("All")), ("overdue", _("Overdue")),
                                          ("soon", _("Due in 2 working days"))])
    q = forms.CharField(label=_("Organisation, INN or address"), required=False, max_length=200)
