"""A text typed at its limit with line breaks is accepted: the browser counts a break as one character
and sends CRLF, so every form field normalises line endings before checking the length."""

import pytest
from django import forms
from django.forms import modelform_factory

from appeals.forms import AppealForm
from appeals.models import Appeal
from appeals.models.appeal import TEXT_MAX_LENGTH
from applications.forms import ApplicationForm
from applications.models import Application

LINES = 20


def browser_text(limit):
    """What a browser sends for a textarea filled to `limit` characters with LINES line breaks."""
    line = "а" * (limit // LINES - 1)
    typed = "\n".join([line] * LINES)
    typed += "б" * (limit - len(typed))
    assert len(typed) == limit
    return typed.replace("\n", "\r\n")


def test_any_char_field_counts_a_line_break_as_one_character():
    field = forms.CharField(max_length=10)
    assert field.clean("12345\r\n789") == "12345\n789"
    assert field.clean("a\rb") == "a\nb"
    with pytest.raises(forms.ValidationError):
        field.clean("12345\r\n78901")


@pytest.mark.django_db
def test_an_appeal_at_its_limit_with_line_breaks_is_accepted(applicant):
    sent = browser_text(TEXT_MAX_LENGTH)
    assert len(sent) > TEXT_MAX_LENGTH
    form = AppealForm({"text": sent}, applicant=applicant)
    form.is_valid()
    assert "text" not in form.errors
    assert form.cleaned_data["text"] == sent.replace("\r\n", "\n")


@pytest.mark.django_db
def test_an_application_comment_at_its_limit_with_line_breaks_is_accepted(applicant):
    from applications.tests.factories import ApplicationFactory

    limit = Application._meta.get_field("comment").max_length
    form = ApplicationForm({"applicant_name": "Иванов", "comment": browser_text(limit)},
                           instance=ApplicationFactory(applicant=applicant))
    assert form.is_valid(), form.errors
    assert len(form.cleaned_data["comment"]) == limit


def test_an_admin_form_of_a_text_field_normalises_too():
    form_class = modelform_factory(Appeal, fields=["answer"])
    limit = Appeal._meta.get_field("answer").max_length
    form = form_class({"answer": browser_text(limit)})
    form.is_valid()
    assert "answer" not in form.errors
