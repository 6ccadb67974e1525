import functools

from django import forms
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from applications.choices import LOAD_UNITS
from applications.models import Application, Kind, Status, SupplyType
from applications.models.documents import APPLICANT_SLOTS, REQUIRED_SLOTS, DocumentSlot
from portal.html_text import conditional_escape, escape
from portal.models import Branch
from portal.uploads import ACCEPT_ATTRIBUTE


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class StartForm(forms.Form):
    """Seed 003 fig. 8: the city first, then the kind of application, then the supply type."""

    branch = forms.ModelChoiceField(label=_("City"), queryset=Branch.objects.filter(is_active=True),
                                    empty_label=_("Choose the city"),
                                    error_messages={"required": _("Choose the city where the object is.")})
    kind = forms.ChoiceField(label=_("Application type"), choices=Kind.choices, widget=forms.RadioSelect)
    supply_type = forms.ChoiceField(label=_("Supply type"), choices=SupplyType.choices, widget=forms.RadioSelect)


class ApplicationForm(forms.ModelForm):
    """Seed 001 table 6 and the object, reason and loads. A draft may be saved half-filled."""

    phone = PhoneNumberField(label=_("Phone"), region="RU", required=False,
                             error_messages={"invalid": _("Enter a valid phone number, e.g. +7 912 345-67-89.")})

    class Meta:
        model = Application
        fields = ("applicant_name", "phone", "email", "object_address", "cadastral_number", "object_purpose",
                  "reason", "max_load", "load_unit", "planned_commissioning", "delivery_method", "comment")
        widgets = {"planned_commissioning": DateInput(), "comment": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        self.fields["applicant_name"].required = True
        units = LOAD_UNITS[SupplyType(self.instance.supply_type)]
        self.fields["load_unit"].choices = [("", "—")] + [(unit.value, unit.label) for unit in units]
        # Russian users write "1,5": a localized field reads the decimal comma (a dot works too).
        self.fields["max_load"].localize = True
        self.fields["max_load"].widget = forms.TextInput(attrs={"inputmode": "decimal"})
        self.fields["max_load"].widget.is_localized = True
        self.fields["cadastral_number"].widget.attrs["placeholder"] = "31:16:0101001:1234"
        self._mark_needed_for_submission()

    def _mark_needed_for_submission(self):
        """A draft may be saved half-filled, but what submitting demands is marked «*» from the start
        (the note #required-note explains the mark)."""
        from applications.services import _required_fields

        for name in _required_fields(self.instance):
            field = self.fields.get(name)
            if field is not None and not field.required:  # a required field gets crispy's own «*»
                field.label = f"{field.label} *"
                field.widget.attrs["aria-describedby"] = "required-note"

    def clean_max_load(self):
        value = self.cleaned_data.get("max_load")
        if value is not None and value <= 0:
            raise forms.ValidationError(_("The load must be greater than zero."))
        return value

    def clean_planned_commissioning(self):
        value = self.cleaned_data.get("planned_commissioning")
        if value and value < timezone.localdate():
            raise forms.ValidationError(_("The planned date cannot be in the past."))
        return value


class DocumentUploadForm(forms.Form):
    slot = forms.ChoiceField(label=_("Document"), choices=[(slot.value, slot.label) for slot in APPLICANT_SLOTS],
                             widget=forms.Select(attrs={"class": "form-select"}))
    file = forms.FileField(label=_("File"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
                           error_messages={"required": _("Choose a file."),
                                           "empty": _("The file is empty."),
                                           "invalid": _("No file was sent. Check the form encoding.")})


def document_slots(application):
    """The checklist of seed 003: each required slot with its files, then the optional ones."""
    required = REQUIRED_SLOTS[Kind(application.kind)]
    by_slot = {}
    for document in application.documents.all():
        by_slot.setdefault(document.slot, []).append(document)
    slots = [{"slot": slot, "label": DocumentSlot(slot).label, "required": slot in required,
              "documents": by_slot.get(slot, [])} for slot in APPLICANT_SLOTS]
    slots = sorted(slots, key=lambda item: not item["required"])
    if by_slot.get(DocumentSlot.RESULT):
        # The utility's answer goes first: it is what the applicant came back for.
        slots.insert(0, {"slot": DocumentSlot.RESULT, "label": DocumentSlot.RESULT.label, "required": False,
                         "documents": by_slot[DocumentSlot.RESULT]})
    return slots


class _SharedChoiceField(forms.ChoiceField):
    """A ChoiceField whose choices a form never changes: each form's copy of the field shares them
    instead of deep-copying the list of lazy labels (most of the list page's form cost, issue 18)."""

    def __deepcopy__(self, memo):
        return forms.Field.__deepcopy__(self, memo)


_DATE_CSS, _SELECT_CSS = {"class": "form-control form-control-sm"}, {"class": "form-select form-select-sm"}


class FilterForm(forms.Form):
    """Seed 001 table 5: period from … to, application type, status, supply type."""

    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput(attrs=_DATE_CSS))
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput(attrs=_DATE_CSS))
    kind = _SharedChoiceField(label=_("Application type"), required=False, choices=[("", _("Any"))] + Kind.choices,
                              widget=forms.Select(attrs=_SELECT_CSS))
    status = _SharedChoiceField(label=_("Status"), required=False, choices=[("", _("Any"))] + Status.choices,
                                widget=forms.Select(attrs=_SELECT_CSS))
    supply_type = _SharedChoiceField(label=_("Supply type"), required=False,
                                     choices=[("", _("Any"))] + SupplyType.choices,
                                     widget=forms.Select(attrs=_SELECT_CSS))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_from"] > cleaned["date_to"]:
            raise forms.ValidationError(_("The start of the period is after its end."))
        return cleaned

    def filters(self):
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}

    def rendered_fields(self):
        """[(id, label, widget HTML)] of the fields. The HTML depends only on the submitted values and
        the language, and rendering five widgets through their templates was ~10% of the list page, so
        it is kept per process for short, ordinary values (bounded memory: an LRU of 256 entries)."""
        values = tuple((name, self.data.get(name, "")) for name in self.fields) if self.is_bound else ()
        if sum(len(value) for _, value in values) > 64:
            return self._render_fields()
        return _rendered_filter_fields(translation.get_language(), values)

    def _render_fields(self):
        return [(field.id_for_label, str(field.label), field.as_widget()) for field in self]

    def fields_html(self):
        """The fields as the loop of applications/list.html wrote them (a labelled column each), kept
        with rendered_fields for short values: the loop was ~0.6 M instructions of the list page."""
        values = tuple((name, self.data.get(name, "")) for name in self.fields) if self.is_bound else ()
        if sum(len(value) for _, value in values) > 64:
            return _fields_html(self._render_fields())
        return _kept_fields_html(translation.get_language(), values)


@functools.lru_cache(maxsize=256)
def _rendered_filter_fields(language, values):
    with translation.override(language):
        return FilterForm(dict(values) if values else None)._render_fields()


@functools.lru_cache(maxsize=256)
def _kept_fields_html(language, values):
    return _fields_html(_rendered_filter_fields(language, values))


def _fields_html(fields):
    return mark_safe("".join(
        f'\n  <div class="col-6 col-md-auto">\n    <label class="form-label small mb-1" for="{escape(id_)}">'
        f'{escape(label)}</label>\n    {conditional_escape(widget)}\n  </div>\n  ' for id_, label, widget in fields))


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))
