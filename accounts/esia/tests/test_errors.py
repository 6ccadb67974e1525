"""Every ESIA error code a login can meet gets its Russian message (unknown ones are quoted in a general
one), and no failure leaves anything half-created."""

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount

from accounts.esia import errors
from accounts.esia.tests.helpers import login_through_esia
from accounts.models import Profile, User

pytestmark = pytest.mark.django_db

KNOWN = {
    "ESIA-007002": "не знают сертификат портала",
    "ESIA-007008": "перегружены",
    "ESIA-007011": "устарело или уже использовано",
    "ESIA-007014": "не содержит обязательного параметра",
    "ESIA-007015": "часы портала",
    "ESIA-007019": "не предоставили порталу доступ",
    "ESIA-007053": "не приняли подпись запроса портала",
    "ESIA-007055": "недостаточен для портала",
}


def _nothing_created(response, *words):
    assert response.status_code == 400
    text = response.content.decode()
    for word in words:
        assert word in text, text
    assert not User.objects.exists() and not Profile.objects.exists()
    assert not SocialAccount.objects.exists() and not EmailAddress.objects.exists()
    assert "_auth_user_id" not in response.client.session
    return text


@pytest.mark.parametrize("code", sorted(KNOWN))
def test_a_code_at_the_authorisation_step_has_its_message(client, esia, code):
    esia.authorise_error = code
    _nothing_created(login_through_esia(client, esia), KNOWN[code], code)


@pytest.mark.parametrize("code", ["ESIA-007011", "ESIA-007053", "ESIA-007008"])
def test_a_code_at_the_token_step_has_its_message(client, esia, code):
    esia.token_error = code
    _nothing_created(login_through_esia(client, esia), KNOWN[code], code)


def test_an_unknown_code_gets_the_general_message_with_the_code(client, esia):
    esia.authorise_error = "ESIA-007777"
    text = _nothing_created(login_through_esia(client, esia), "Госуслуги отказали с кодом ESIA-007777",
                            "назовите код")
    assert "<code>ESIA-007777</code>" in text


@pytest.mark.parametrize("status", [500, 503])
def test_esia_failing_while_the_data_is_read(client, esia, status):
    esia.resource_status = status
    _nothing_created(login_through_esia(client, esia), "не отвечают")


def test_data_without_the_person_is_refused(client, esia):
    esia.resource_status = 404
    _nothing_created(login_through_esia(client, esia), "не передали данные")


def test_every_known_code_has_a_russian_message():
    from django.utils import translation

    with translation.override("ru"):
        for code in errors.CODE_MESSAGES:
            message = str(errors.message_for("code", code))
            assert message != str(errors.MESSAGES["unknown"]) and not message.startswith("Gosuslugi"), code
