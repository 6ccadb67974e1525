"""The home page shows what needs the user now; an organisation's shows its agreement and its work."""


import pytest
from django.urls import reverse

from agreements.tests.factories import accepted
from appeals.tests.factories import answered
from applications.models import Application, Status
from applications.tests.factories import ApplicationFactory, submitted

pytestmark = pytest.mark.django_db
APPLICANT_TILE = "Технические условия и договоры о подключении"


def test_the_home_page_lists_what_waits_for_the_applicant(client, applicant, staff):
    correcting = submitted(applicant)
    correcting.request_correction(actor=staff, comment="Приложите план")
    signing = submitted(applicant)
    Application.objects.filter(pk=signing.pk).update(status=Status.AWAITING_SIGNATURE, due_date=None)
    ApplicationFactory(applicant=applicant)
    done = submitted(applicant)
    Application.objects.filter(pk=done.pk).update(status=Status.COMPLETED)
    answered(applicant, staff)
    client.force_login(applicant)
    page = client.get("/").content.decode()
    assert "Заявки, ожидающие ваших действий" in page
    assert f"Заявка {correcting.number}" in page and "исправьте и отправьте снова" in page
    assert f"Срок исправления заявки: {correcting.due_date:%d.%m.%Y}" in page
    assert reverse("applications:sign", args=[signing.pk]) in page and "подпишите документы" in page
    assert "Черновики" in page and "Ответы по заявкам" in page and f"Заявка {done.number}" in page
    assert "Ответы на обращения" in page
    assert APPLICANT_TILE in page


def test_another_applicant_s_applications_are_not_on_my_home_page(client, applicant, other_applicant, staff):
    theirs = submitted(other_applicant)
    theirs.request_correction(actor=staff, comment="Исправьте")
    client.force_login(applicant)
    assert theirs.number not in client.get("/").content.decode()


def test_an_organisation_sees_its_agreement_and_no_applicant_tiles(client, reviewer):
    agreement = accepted(reviewer)
    client.force_login(agreement.organisation)
    page = client.get("/").content.decode()
    assert "Соглашение о взаимодействии" in page and agreement.number in page
    assert reverse("agreements:mine") in page
    assert APPLICANT_TILE not in page and "Заполните профиль" not in page


def test_staff_get_the_workplace_not_applicant_tiles(client, staff):
    client.force_login(staff)
    page = client.get("/").content.decode()
    assert APPLICANT_TILE not in page and reverse("staff_dashboard") in page


def test_a_new_applicant_without_anything_sees_the_tiles_only(client, applicant):
    client.force_login(applicant)
    page = client.get("/").content.decode()
    assert APPLICANT_TILE in page and "ожидающие ваших действий" not in page


def test_the_favicon_is_served_for_browsers_asking_the_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response.url.endswith("portal/favicon.svg")
    assert 'rel="icon"' in client.get("/").content.decode()
