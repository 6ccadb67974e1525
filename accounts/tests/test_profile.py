import pytest
from django.urls import reverse

from accounts import sample_numbers, services
from accounts.models import Profile
from accounts.tests.factories import EntrepreneurFactory, LegalApplicantFactory

pytestmark = pytest.mark.django_db

PROFILE = reverse("accounts:profile")


def test_a_complete_profile_passes_the_gate(applicant):
    assert services.profile_is_complete(applicant)


def test_missing_fields_are_listed_by_name(applicant):
    Profile.objects.filter(user=applicant).update(snils="", passport_number="")
    missing = services.profile_missing_items(applicant)
    assert "СНИЛС" in missing and "номер паспорта" in missing
    assert not services.profile_is_complete(applicant)


def test_an_unconfirmed_phone_keeps_the_gate_closed(applicant):
    applicant.phone_confirmed_at = None
    assert "подтверждённый телефон" in services.profile_missing_items(applicant)


def test_the_form_follows_the_applicant_type(client):
    legal = LegalApplicantFactory(username="org")
    client.force_login(legal)
    fields = client.get(PROFILE).context["form"].fields
    assert {"org_full_name", "kpp", "ogrn", "head_position"} <= set(fields)
    assert "snils" not in fields and "ogrnip" not in fields


def test_a_legal_entity_saves_valid_requisites(client):
    legal = LegalApplicantFactory(username="org")
    client.force_login(legal)
    data = {"org_full_name": "ООО «Новая»", "org_short_name": "ООО «Новая»",
            "inn": sample_numbers.inn_legal("312300099"),
            "kpp": "312301001", "ogrn": sample_numbers.ogrn("103310000099"), "legal_address": "г. Курск",
            "postal_address": "г. Курск", "head_name": "Орлов О. О.", "head_position": "Директор"}
    response = client.post(PROFILE, data)
    assert response.status_code == 302
    assert Profile.objects.get(user=legal).inn == data["inn"]


@pytest.mark.parametrize("field,value,message", [
    ("inn", "7707083894", "контрольная цифра ИНН"),
    ("inn", "770708389", "10 цифр"),
    ("ogrn", "1027700132194", "контрольная цифра ОГРН"),
    ("kpp", "77-01", "9 символов"),
])
def test_bad_legal_requisites_get_a_message_and_nothing_is_lost(client, field, value, message):
    legal = LegalApplicantFactory(username="org")
    saved = Profile.objects.get(user=legal)
    client.force_login(legal)
    data = {"org_full_name": "Изменённое имя", "inn": saved.inn, "ogrn": saved.ogrn, "kpp": saved.kpp, field: value}
    response = client.post(PROFILE, data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field]).replace("Контрольная", "контрольная")
    assert "Изменённое имя" in response.content.decode()
    assert Profile.objects.get(user=legal).org_full_name == saved.org_full_name


@pytest.mark.parametrize("field,value", [("snils", "112-233-445 96"), ("passport_series", "12"),
                                         ("birth_date", "2999-01-01"), ("birth_date", "не дата"),
                                         ("inn", "500100732258")])
def test_bad_individual_requisites_are_refused(client, applicant, field, value):
    client.force_login(applicant)
    response = client.post(PROFILE, {"last_name": "Иванов", field: value})
    assert response.status_code == 200
    assert response.context["form"].errors[field]


def test_an_entrepreneur_needs_a_valid_ogrnip(client):
    ip = EntrepreneurFactory(username="ip")
    client.force_login(ip)
    response = client.post(PROFILE, {"last_name": "Петров", "ogrnip": "304500116000158"})
    assert "ОГРНИП" in " ".join(response.context["form"].errors["ogrnip"])


def test_numbers_are_stored_as_digits(client, applicant):
    client.force_login(applicant)
    client.post(PROFILE, {"last_name": "Иванов", "snils": "112-233-445 95"})
    assert Profile.objects.get(user=applicant).snils == "11223344595"


def test_staff_have_no_applicant_profile(client, staff):
    client.force_login(staff)
    assert client.get(PROFILE).status_code == 404


def test_the_profile_page_needs_login(client, db):
    assert client.get(PROFILE).status_code == 302
