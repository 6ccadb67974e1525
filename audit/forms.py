from django import forms
from django.utils.translation import gettext_lazy as _


class AuditSearchForm(forms.Form):
    actor = forms.CharField(label=_("Who acted"), required=False, max_length=200,
                            help_text=_("Enter a login, e-mail, name, INN or SNILS."))
    subject = forms.CharField(label=_("Whose data"), required=False, max_length=200,
                              help_text=_("Enter a login, e-mail, name, INN or SNILS."))
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("Records"), required=False, choices=[
        ("", _("All")), ("changes", _("Changes")), ("access", _("Views and downloads"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-select" if isinstance(field, forms.ChoiceField)
                                          else "form-control")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_from"] > cleaned["date_to"]:
            raise forms.ValidationError(_("The start of the period is after its end."))
        return cleaned
