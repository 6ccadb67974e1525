"""Registration numbers typed with their usual separators are accepted and stored as digits; inputs are
sized for the formatted number; the first-digit rules of OGRN and OGRNIP apply."""

import pytest
from django.urls import reverse

from accounts import sample_numbers, validators
from accounts.models import Profile
from accounts.tests.factories import EntrepreneurFactory, LegalApplicantFactory
from agreements.models import Agreement
from agreements.tests.factories import form_data

pytestmark = pytest.mark.django_db
PROFILE = reverse("accounts:profile")


def spaced(number, *sizes):
    parts, rest = [], number
    for size in sizes:
        parts.append(rest[:size])
        rest = rest[size:]
    return " ".join([*parts, rest]).strip()


def test_an_individual_types_numbers_with_separators(client, applicant):
    client.force_login(applicant)
    inn = sample_numbers.inn_person("5001234500")
    response = client.post(PROFILE, {"last_name": "Иванов", "snils": "112-233-445 95", "passport_series": "45 08",
                                     "passport_number": "123 456", "inn": spaced(inn, 4, 4)})
    assert response.status_code == 302, response.context["form"].errors
    profile = Profile.objects.get(user=applicant)
    assert (profile.snils, profile.passport_series, profile.passport_number, profile.inn) == (
        "11223344595", "4508", "123456", inn)


def test_the_inputs_take_the_formatted_length_and_digits(client, applicant):
    client.force_login(applicant)
    form = client.get(PROFILE).context["form"]
    for name, typed in (("snils", "112-233-445 95"), ("passport_series", "45 08"), ("passport_number", "123 456")):
        attrs = form.fields[name].widget.attrs
        assert int(attrs["maxlength"]) >= len(typed)
        assert attrs["inputmode"] == "numeric"


def test_a_formatted_number_with_a_wrong_length_is_told_by_its_rule_not_by_characters(client, applicant):
    client.force_login(applicant)
    response = client.post(PROFILE, {"last_name": "Иванов", "snils": "112-233-445 955"})
    errors = " ".join(response.context["form"].errors["snils"])
    assert "11 цифр" in errors and "символ" not in errors
    assert 'value="112-233-445 955"' in response.content.decode() or "11223344595" in response.content.decode()


def test_a_legal_entity_types_kpp_and_ogrn_with_spaces(client):
    legal = LegalApplicantFactory(username="org")
    client.force_login(legal)
    ogrn = sample_numbers.ogrn("103310000099")
    inn = sample_numbers.inn_legal("312300099")
    data = {"org_full_name": "ООО «Новая»", "inn": spaced(inn, 4, 3), "kpp": "3123 01 001",
            "ogrn": spaced(ogrn, 1, 2, 2)}
    response = client.post(PROFILE, data)
    assert response.status_code == 302, response.context["form"].errors
    profile = Profile.objects.get(user=legal)
    assert (profile.inn, profile.kpp, profile.ogrn) == (inn, "312301001", ogrn)


@pytest.mark.parametrize(("first12", "code"), [
    ("002770013219", "ogrn_first_digit"), ("302770013219", "ogrn_first_digit"),
    ("502770013219", None), ("102770013219", None)])
def test_an_ogrn_begins_with_1_or_5(first12, code):
    number = sample_numbers.ogrn(first12)
    assert validators.ogrn_is_valid(number) is (code is None)
    if code:
        with pytest.raises(validators.ValidationError) as raised:
            validators.validate_ogrn(number)
        assert raised.value.code == code and "1 или 5" in str(raised.value.messages[0])


@pytest.mark.parametrize(("first14", "valid"), [("30450011670002", True), ("40450011670002", False),
                                                ("00450011670002", False)])
def test_an_ogrnip_begins_with_3(first14, valid):
    number = sample_numbers.ogrnip(first14)
    assert validators.ogrnip_is_valid(number) is valid
    if not valid:
        with pytest.raises(validators.ValidationError, match="3"):
            validators.validate_ogrnip(number)


def test_the_profile_refuses_an_ogrnip_beginning_with_4(client):
    ip = EntrepreneurFactory(username="ip")
    client.force_login(ip)
    response = client.post(PROFILE, {"last_name": "Петров", "ogrnip": sample_numbers.ogrnip("40450011670002")})
    assert "начинается с 3" in " ".join(response.context["form"].errors["ogrnip"])


def test_the_agreement_requisites_accept_formatted_numbers(client):
    data = form_data()
    data.update(inn=spaced(data["inn"], 4, 3), kpp="7707 01 001", ogrn=spaced(data["ogrn"], 1, 2, 2, 2))
    response = client.post(reverse("agreements:new"), data)
    assert response.status_code == 302, response.context["form"].errors
    agreement = Agreement.objects.latest("pk")
    assert (agreement.inn, agreement.kpp, agreement.ogrn) == (form_data()["inn"], "770701001", form_data()["ogrn"])


def test_the_application_phone_accepts_a_city_number_with_brackets(client, applicant):
    from applications.forms import ApplicationForm
    from applications.tests.factories import ApplicationFactory

    form = ApplicationForm({"applicant_name": "Иванов", "phone": "8 (4722) 33-44-55"},
                           instance=ApplicationFactory(applicant=applicant))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"].as_e164 == "+74722334455"


def _portal_forms():
    import importlib
    import inspect
    from pathlib import Path

    from django import forms
    from django.conf import settings

    root = Path(settings.BASE_DIR)
    for path in sorted(root.glob("*/**/*forms*.py")):
        if {".venv", "tests", "node_modules"} & set(path.relative_to(root).parts):
            continue
        module = importlib.import_module(".".join(path.relative_to(root).with_suffix("").parts))
        for _, form in inspect.getmembers(module, inspect.isclass):
            if issubclass(form, forms.BaseForm) and form.__module__ == module.__name__:
                yield form


IDENTIFIER_NAME = r"(^|_)(inn|kpp|ogrn|ogrnip|snils|passport_series|passport_number|passport)$"


def test_every_identifier_field_of_every_form_takes_the_formatted_number():
    """The class of the SNILS bug: any form field for a registration number is an IdentifierField, so
    separators are dropped before the length check and the input is sized for the formatted number."""
    import re

    from accounts.identifier_fields import IdentifierField

    plain = [f"{form.__module__}.{form.__name__}.{name}" for form in _portal_forms()
             for name, field in form.base_fields.items()
             if re.search(IDENTIFIER_NAME, name) and not isinstance(field, IdentifierField)]
    assert not plain, plain


def test_a_passport_s_manager_inn_may_be_typed_with_spaces():
    from passports.forms import PassportForm

    field = PassportForm.base_fields["manager_inn"]
    assert field.clean("7707 083 893") == "7707083893"
    assert int(field.widget_attrs(field.widget)["maxlength"]) > 12
