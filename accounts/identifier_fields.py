"""Form fields for registration numbers typed the way people write them («112-233-445 95», «45 08»,
«7701 01 001»): the separators are dropped before any length or check-digit validation, and the input
accepts the formatted length (a browser `maxlength` of the bare digits would cut the typed number)."""

from django import forms

from accounts.validators import digits_only


class IdentifierField(forms.CharField):
    """A CharField whose value is the number without separators (upper-case letters for the KPP).
    `typed_length` sizes the input for the formatted number. The model's `max_length` is left to the
    form's validator of the number («SNILS has 11 digits…»), which says more than «at most 11 characters»;
    the model's own check still runs on a value that no form validator looked at."""

    typed_length = 32
    letters = False

    def __init__(self, *, max_length=None, **kwargs):
        super().__init__(**kwargs)

    def to_python(self, value):
        value = digits_only(super().to_python(value))
        return value.upper() if self.letters else value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["maxlength"] = str(self.typed_length)
        attrs["autocomplete"] = "off"
        attrs["spellcheck"] = "false"
        if not self.letters:
            attrs["inputmode"] = "numeric"
        return attrs


def _field(name, typed_length, letters=False):
    return type(name, (IdentifierField,), {"typed_length": typed_length, "letters": letters})


# Twice the digits leaves room for a separator after every digit.
SnilsField = _field("SnilsField", 22)
InnField = _field("InnField", 24)
KppField = _field("KppField", 18, letters=True)
OgrnField = _field("OgrnField", 30)   # 13 digits for an OGRN, 15 for an OGRNIP (the agreement's field)
PassportSeriesField = _field("PassportSeriesField", 8)
PassportNumberField = _field("PassportNumberField", 12)

FIELD_CLASSES = {
    "snils": SnilsField, "inn": InnField, "kpp": KppField, "ogrn": OgrnField, "ogrnip": OgrnField,
    "passport_series": PassportSeriesField, "passport_number": PassportNumberField,
}


def identifier_field_classes(*names):
    """The ModelForm Meta.field_classes for the identifier fields among `names`."""
    return {name: FIELD_CLASSES[name] for name in names if name in FIELD_CLASSES}
