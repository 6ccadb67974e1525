import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from addresses.models import Address
from addresses.notices.choices import BasisKind, NoticeKind, NoticeStatus

# How far ahead a date of serving may lie: a notice is about a contract already made.
MAX_DAYS_AHEAD = 366


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d", attrs={"class": "form-control"})


class NoticeForm(forms.Form):
    """The draft: type, addresses chosen from the register (ids posted by hidden inputs that
    addresses/notice_form.js adds), the basis and the date."""

    kind = forms.ChoiceField(label=_("Notice type"), choices=NoticeKind.choices, initial=NoticeKind.ADD,
                             widget=forms.RadioSelect)
    addresses = forms.ModelMultipleChoiceField(
        label=_("Addresses"), queryset=Address.objects.active(), widget=forms.MultipleHiddenInput,
        error_messages={"required": _("Choose at least one address from the suggestions."),
                        "invalid_choice": _("This address is not in the register: choose it from the suggestions."),
                        "invalid_pk_value": _("This address is not in the register: choose it from the suggestions.")})
    basis_kind = forms.ChoiceField(label=_("Basis"), choices=BasisKind.choices, initial=BasisKind.CONTRACT,
                                   widget=forms.RadioSelect)
    basis_number = forms.CharField(label=_("Number of the contract or of the minutes of the meeting"), max_length=100,
                                   error_messages={"required": _("Give the number of the contract or of the minutes.")})
    basis_date = forms.DateField(label=_("Date of the contract or of the meeting"), widget=DateInput(),
                                 error_messages={"required": _("Give the date of the contract or of the meeting."),
                                                 "invalid": _("Enter the date as DD.MM.YYYY.")})
    starts_on = forms.DateField(label=_("Date of start (or, for removal, of end) of serving"), widget=DateInput(),
                                error_messages={"required": _("Give the date."),
                                                "invalid": _("Enter the date as DD.MM.YYYY.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["basis_number"].widget.attrs["class"] = "form-control"

    def clean_basis_date(self):
        date = self.cleaned_data["basis_date"]
        if date > timezone.localdate():
            raise ValidationError(_("The contract or the meeting cannot be dated in the future."), code="future")
        return date

    def clean_starts_on(self):
        date = self.cleaned_data["starts_on"]
        if date > timezone.localdate() + datetime.timedelta(days=MAX_DAYS_AHEAD):
            raise ValidationError(_("The date cannot be more than a year ahead."), code="too_far")
        return date

    def ordered_addresses(self):
        """The chosen addresses in the order they were chosen (the queryset returns them sorted)."""
        chosen = {str(address.pk): address for address in self.cleaned_data["addresses"]}
        return [chosen[pk] for pk in dict.fromkeys(self.data.getlist("addresses")) if pk in chosen]

    def chosen_for_display(self):
        """(id, text) of the addresses posted so far, to show them again when the form has errors."""
        ids = [pk for pk in self.data.getlist("addresses") if pk.isdigit()] if self.is_bound else \
            [str(pk) for pk in (self.initial.get("addresses") or [])]
        texts = dict(Address.objects.filter(pk__in=ids).values_list("pk", "full_text"))
        return [(int(pk), texts[int(pk)]) for pk in dict.fromkeys(ids) if int(pk) in texts]


CONFIRM, REJECT = "confirm", "reject"


class DecisionForm(forms.Form):
    """The reviewer's decision on a sent notice: confirm or reject each of its addresses (a reason for
    each rejected one) and an optional overall comment. Fields are named by the address id."""

    comment = forms.CharField(label=_("Overall comment (optional)"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}))

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"decision_{item.address_id}"] = forms.ChoiceField(
                label=item.address.full_text, choices=[(CONFIRM, _("Confirm")), (REJECT, _("Reject"))],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose whether to confirm or reject this address.")})
            self.fields[f"reason_{item.address_id}"] = forms.CharField(
                label=_("Reason for rejection (if rejected)"), required=False, max_length=1000,
                widget=forms.TextInput(attrs={"class": "form-control decision-reason"}))

    def clean(self):
        data = super().clean()
        for item in self.items:
            reason = f"reason_{item.address_id}"
            if data.get(f"decision_{item.address_id}") == REJECT and not data.get(reason, "").strip():
                self.add_error(reason, _("Give the reason for rejecting this address."))
        if self.errors:
            raise ValidationError(_("The decision is not saved: decide on every address and give the reason "
                                    "for each rejected one."), code="incomplete")
        return data

    def rows(self):
        """(item, decision field, reason field) for each address, in the notice's order."""
        return [(item, self[f"decision_{item.address_id}"], self[f"reason_{item.address_id}"])
                for item in self.items]

    def decisions(self):
        """{address id: (confirmed, reason)} for notice_services.notice_decide."""
        data = self.cleaned_data
        return {item.address_id: (data[f"decision_{item.address_id}"] == CONFIRM,
                                  data[f"reason_{item.address_id}"]) for item in self.items}


class NoticeFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All"))] + NoticeStatus.choices[1:])
    kind = forms.ChoiceField(label=_("Notice type"), required=False, choices=[("", _("All"))] + NoticeKind.choices)
    deadline = forms.ChoiceField(label=_("Review due"), required=False,
                                 choices=[("", _("All")), ("overdue", _("Overdue")),
                                          ("soon", _("Due in 2 working days"))])
    q = forms.CharField(label=_("Organisation, INN or address"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
