"""Line endings of typed text, normalised before any length check.

A browser submits a textarea's line breaks as CRLF (HTML form submission) but counts each as one
character for `maxlength`: 4,000 characters typed with 19 line breaks arrive as 4,019 and were refused
by a 4,000 limit. Every text a form receives goes through forms.CharField.to_python (textareas, inputs,
the admin's fields, ModelForms of TextField and CharField), so the normalisation is installed there once,
at start-up, rather than in each of the portal's forms: a form added later cannot forget it."""

from django import forms

_original_to_python = forms.CharField.to_python


def normalise_newlines(value):
    """"a\\r\\nb\\rc" -> "a\\nb\\nc"; anything that is not a str is returned as it is."""
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def _to_python(self, value):
    return _original_to_python(self, normalise_newlines(value))


def install():
    forms.CharField.to_python = _to_python
