"""Forms of the organisation's «Информационные системы» pages and the reviewer's decisions (seed 002)."""

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from integrations.choices import REGIONS, DelegationStatus, InformationKind
from integrations.models import InformationSystem

MAX_CERTIFICATE_BYTES = 64 * 1024


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SystemForm(forms.ModelForm):
    """«Сформировать заявку на новую (собственную) ИС»: registration data, certificate, confirmations,
    the administrator's contacts (seed 002 «Регистрационные сведения», «Дополнительные сведения»)."""

    information_kinds = forms.MultipleChoiceField(label=_("Kinds of information"), choices=InformationKind.choices,
                                                  widget=forms.CheckboxSelectMultiple)
    region = forms.ChoiceField(label=_("Subject of the Russian Federation"), choices=REGIONS)
    certificate = forms.FileField(label=_("Qualified certificate of the system's signature key (.cer)"),
                                  help_text=_("DER or Base-64 (PEM), exported without the private key."))
    security_confirmed = forms.BooleanField(label=_(
        "I confirm that the system meets the information protection and security requirements of the "
        "legislation of the Russian Federation"))
    agreement_confirmed = forms.BooleanField(label=_("I accept the terms of the «Information interaction "
                                                     "agreement»"))

    class Meta:
        model = InformationSystem
        fields = ["full_name", "short_name", "information_kinds", "region", "oktmo", "admin_last_name",
                  "admin_first_name", "admin_patronymic", "admin_position", "admin_phone", "admin_email"]
        help_texts = {"oktmo": _("8 or 11 digits.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["oktmo"].widget.attrs.update(inputmode="numeric", maxlength=14)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Prepare the application")))

    def clean_oktmo(self):
        digits = re.sub(r"[\s-]", "", self.cleaned_data["oktmo"])
        if not re.fullmatch(r"\d{8}(\d{3})?", digits):
            raise forms.ValidationError(_("OKTMO has 8 or 11 digits."))
        return digits

    def clean_certificate(self):
        upload = self.cleaned_data["certificate"]
        if upload.size > MAX_CERTIFICATE_BYTES:
            raise forms.ValidationError(_("A certificate file is a few kilobytes; this one is too large."))
        return upload.read()


class RenewalForm(forms.Form):
    certificate = forms.FileField(label=_("New certificate of the system (.cer)"))

    def clean_certificate(self):
        upload = self.cleaned_data["certificate"]
        if upload.size > MAX_CERTIFICATE_BYTES:
            raise forms.ValidationError(_("A certificate file is a few kilobytes; this one is too large."))
        return upload.read()


class DelegationForm(forms.Form):
    """«Предоставить доступ»: the system, kinds of information and the period of the rights."""

    system = forms.ModelChoiceField(label=_("Information system"), queryset=InformationSystem.objects.none())
    information_kinds = forms.MultipleChoiceField(label=_("Kinds of information"), choices=InformationKind.choices,
                                                  widget=forms.CheckboxSelectMultiple)
    starts_on = forms.DateField(label=_("Rights valid from"), widget=_date_input())
    ends_on = forms.DateField(label=_("Rights valid until"), required=False, widget=_date_input(),
                              help_text=_("Leave empty for rights without an end date."))

    def __init__(self, *args, systems, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["system"].queryset = systems
        self.fields["system"].label_from_instance = lambda system: (
            f"{system.short_name} — {system.get_kind_display()}, {system.operator_name}")
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Send the request")))

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The rights cannot end before they start."))
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class ReceivedFilterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = css

    """Seed 002 «Полученные заявки на передачу прав доступа»: organisation, kinds, status, validity."""

    q = forms.CharField(label=_("Organisation (name or INN)"), required=False)
    kind = forms.ChoiceField(label=_("Kind of information"), required=False,
                             choices=[("", _("Any"))] + list(InformationKind.choices))
    status = forms.ChoiceField(label=_("Status of the request"), required=False,
                               choices=[("", _("Any"))] + list(DelegationStatus.choices))
    valid_on = forms.DateField(label=_("Rights valid on"), required=False, widget=_date_input())
