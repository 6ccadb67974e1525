from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.identifier_fields import identifier_field_classes
from accounts.validators import (
    digits_only,
    validate_inn_legal,
    validate_inn_person,
    validate_kpp,
    validate_ogrn,
    validate_ogrnip,
)
from agreements.choices import OrganisationKind, Status
from agreements.models import Agreement
from signing import posted

REQUISITES = ["org_full_name", "org_short_name", "inn", "kpp", "ogrn", "legal_address", "postal_address",
              "signer_last_name", "signer_first_name", "signer_patronymic", "signer_position",
              "authority_document", "email", "phone"]


class RequisitesForm(forms.ModelForm):
    """The organisation's requisites; the OGRN's length tells a legal entity (13) from an ИП (15), and
    every number is checked with its real check digits."""

    class Meta:
        model = Agreement
        fields = REQUISITES
        field_classes = identifier_field_classes(*REQUISITES)
        help_texts = {
            "ogrn": _("13 digits for an organisation (OGRN), 15 for a sole proprietor (OGRNIP)."),
            "kpp": _("Organisations only."),
            "authority_document": _("For example: Charter; or power of attorney No. 12 of 01.02.2026."),
            "email": _("The login and the link to set the password will be sent here."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Continue to the agreement text")))

    def clean_ogrn(self):
        ogrn = digits_only(self.cleaned_data["ogrn"])
        (validate_ogrnip if len(ogrn) == 15 else validate_ogrn)(ogrn)
        return ogrn

    def clean(self):
        data = super().clean()
        ogrn = data.get("ogrn")
        if ogrn:
            self.instance.kind = OrganisationKind.ENTREPRENEUR if len(ogrn) == 15 else OrganisationKind.LEGAL
            self._clean_inn_and_kpp(data)
        return data

    def _clean_inn_and_kpp(self, data):
        legal = self.instance.kind == OrganisationKind.LEGAL
        inn = digits_only(data.get("inn", ""))
        try:
            (validate_inn_legal if legal else validate_inn_person)(inn)
            data["inn"] = inn
        except ValidationError as error:
            self.add_error("inn", error)
        kpp = (data.get("kpp") or "").strip().upper()
        if legal and not kpp:
            self.add_error("kpp", ValidationError(_("An organisation's KPP is required."), code="kpp_required"))
        elif legal:
            try:
                validate_kpp(kpp)
                data["kpp"] = kpp
            except ValidationError as error:
                self.add_error("kpp", error)
        elif kpp:
            self.add_error("kpp", ValidationError(_("A sole proprietor has no KPP: leave the field empty."),
                                                 code="kpp_not_for_entrepreneur"))


SignatureUploadForm = posted.SignatureUploadForm  # the one intake's form (signing/posted.py)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the decision"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=2000,
                             error_messages={"required": _("Give the reason.")})


class StaffFilterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"

    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))] + Status.choices[1:])
    deadline = forms.ChoiceField(label=_("Review due"), required=False,
                                 choices=[("", _("All")), ("overdue", _("Overdue")),
                                          ("soon", _("Due in 2 working days"))])
    q = forms.CharField(label=_("Organisation or INN"), required=False, max_length=200)
