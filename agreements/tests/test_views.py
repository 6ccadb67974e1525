"""The public pages: requisites with real check digits, the text, signing; a draft is the session's own."""

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts import sample_numbers
from agreements.models import Agreement, Status
from agreements.tests.factories import entrepreneur_data, form_data

pytestmark = pytest.mark.django_db
NEW = reverse("agreements:new")


def start(client, **overrides):
    response = client.post(NEW, form_data(**overrides))
    assert response.status_code == 302, response.context["form"].errors
    return Agreement.objects.latest("pk")


def errors(client, data):
    """{field: error codes}; every error also has a message shown under its field."""
    response = client.post(NEW, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert all(str(error) for field_errors in form.errors.values() for error in field_errors)
    assert "invalid-feedback" in response.content.decode()
    return {field: [error.code for error in found] for field, found in form.errors.as_data().items()}


def test_the_page_is_public(client):
    assert client.get(NEW).status_code == 200


def test_valid_requisites_make_a_draft_and_show_its_text(client):
    agreement = start(client)
    assert agreement.status == Status.DRAFT and agreement.kind == "legal"
    page = client.get(reverse("agreements:detail", args=[agreement.token]))
    assert "Устав" in page.content.decode() and agreement.text_sha256 in page.content.decode()
    text = client.get(reverse("agreements:text", args=[agreement.token]))
    assert text.content == agreement.text_bytes
    pdf = client.get(reverse("agreements:pdf", args=[agreement.token]))
    assert pdf.content.startswith(b"%PDF")


def test_a_sole_proprietor_is_told_by_the_ogrnip(client):
    response = client.post(NEW, entrepreneur_data())
    assert response.status_code == 302
    assert Agreement.objects.get().kind == "entrepreneur"


@pytest.mark.parametrize("overrides, field, code", [
    ({"inn": "7707083890"}, "inn", "inn_check"),
    ({"inn": "77070838"}, "inn", "inn_length"),
    ({"ogrn": "1027700132190"}, "ogrn", "ogrn_check"),
    ({"ogrn": "12345"}, "ogrn", "ogrn_length"),
    ({"ogrn": "304500116700020"}, "ogrn", "ogrnip_check"),
    ({"kpp": ""}, "kpp", "kpp_required"),
    ({"kpp": "77A"}, "kpp", "kpp_format"),
    ({"email": "not-an-address"}, "email", "invalid"),
    ({"phone": "12"}, "phone", "invalid"),
    ({"org_full_name": ""}, "org_full_name", "required"),
    ({"signer_last_name": ""}, "signer_last_name", "required"),
    ({"authority_document": ""}, "authority_document", "required"),
])
def test_bad_requisites_are_explained(client, overrides, field, code):
    assert code in errors(client, form_data(**overrides)).get(field, []), field
    assert not Agreement.objects.exists()


def test_a_sole_proprietor_has_a_twelve_digit_inn_and_no_kpp(client):
    assert "inn_length" in errors(client, entrepreneur_data(inn=sample_numbers.inn_legal()))["inn"]
    assert "kpp_not_for_entrepreneur" in errors(client, entrepreneur_data(kpp="770701001"))["kpp"]


@pytest.mark.parametrize("name", ["detail", "text", "pdf"])
def test_another_visitor_gets_404(client, name):
    agreement = start(client)
    assert Client().get(reverse(f"agreements:{name}", args=[agreement.token])).status_code == 404


def test_another_visitor_cannot_sign(client):
    agreement = start(client)
    response = Client().post(reverse("agreements:sign", args=[agreement.token]), {"signature": "AAAA"})
    assert response.status_code == 404


def test_signing_without_a_file_asks_for_one(client):
    agreement = start(client)
    response = client.post(reverse("agreements:sign", args=[agreement.token]))
    assert response.status_code == 200 and "signature_file" in response.context["upload_form"].errors


def test_garbage_from_the_plugin_gets_a_json_refusal(client):
    agreement = start(client)
    response = client.post(reverse("agreements:sign", args=[agreement.token]), {"signature": "not base64!"},
                           HTTP_ACCEPT="application/json")
    assert response.json()["valid"] is False and response.json()["summary"]
    assert Agreement.objects.get().status == Status.DRAFT


def test_an_uploaded_signature_of_the_organisation_submits(client, trusted, sign, legal_key):
    agreement = start(client)
    data = sign(agreement, legal_key)
    response = client.post(reverse("agreements:sign", args=[agreement.token]),
                           {"signature_file": SimpleUploadedFile("agreement.sig", data)}, follow=True)
    assert Agreement.objects.get().status == Status.SUBMITTED
    assert "alert-success" in response.content.decode()


def test_the_plugin_signature_of_a_stranger_is_refused_in_json(client, trusted, sign, stranger_key):
    agreement = start(client)
    data = base64.b64encode(sign(agreement, stranger_key)).decode()
    answer = client.post(reverse("agreements:sign", args=[agreement.token]), {"signature": data},
                         HTTP_ACCEPT="application/json").json()
    assert answer["valid"] is False and agreement.inn in answer["summary"]
    assert Agreement.objects.get().status == Status.DRAFT


def test_an_organisation_with_an_agreement_in_force_is_told_so(client, reviewer):
    from agreements.tests.factories import accepted

    current = accepted(reviewer)
    response = client.post(NEW, form_data(), follow=True)
    assert current.number in response.content.decode()
    assert Agreement.objects.count() == 1
