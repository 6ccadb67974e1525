"""Phone numbers are written by their real area code."""

import pytest
from django.template import Context, Template

from portal.phones import format_phone


@pytest.mark.parametrize(("number", "written"), [
    ("+74722334455", "+7 4722 33-44-55"),     # Belgorod: a 4-digit code, 6-digit numbers
    ("+74712512345", "+7 4712 51-23-45"),     # Kursk
    ("+74951234567", "+7 495 123-45-67"),     # Moscow
    ("+78121234567", "+7 812 123-45-67"),     # St Petersburg
    ("+79123456789", "+7 912 345-67-89"),     # mobile
    ("88001234567", "+7 800 123-45-67"),      # toll-free, typed with 8
    ("+441234567890", "+44 1234 567890"),
    ("", ""),
    ("не номер", "не номер"),
])
def test_numbers_are_grouped_by_their_area_code(number, written):
    assert format_phone(number) == written


@pytest.mark.django_db
def test_the_settings_page_writes_a_city_number_by_its_code(client, applicant):
    type(applicant).objects.filter(pk=applicant.pk).update(phone="+74722334455")
    client.force_login(applicant)
    assert "+7 4722 33-44-55" in client.get("/accounts/settings/").content.decode()


def test_the_template_filter_formats_a_phone_number_object():
    from phonenumber_field.phonenumber import PhoneNumber

    rendered = Template("{% load portal_tags %}{{ value|phone }}").render(
        Context({"value": PhoneNumber.from_string("+74722334455")}))
    assert rendered == "+7 4722 33-44-55"
