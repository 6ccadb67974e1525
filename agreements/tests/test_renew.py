"""«Заключить заново»: a rejected agreement offers a new one with its requisites filled in; every
e-mail about an agreement, a notice or a passport links to it."""

import pytest
from django.conf import settings
from django.urls import reverse

from agreements import services
from agreements.models import Agreement
from agreements.tests.factories import draft, form_data, submitted
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def rejected(reviewer):
    agreement = submitted()
    services.agreement_reject(agreement=agreement, actor=reviewer, reason="Неверный ОГРН")
    return Agreement.objects.get(pk=agreement.pk)


def test_the_rejection_e_mail_links_to_a_prefilled_new_agreement(client, reviewer):
    agreement = rejected(reviewer)
    email = Notification.objects.filter(template="agreement_status").latest("pk")
    url = settings.SITE_URL + reverse("agreements:renew", args=[agreement.token])
    assert url in email.body and url in email.html_body
    assert "Заключить соглашение заново" in email.body
    page = client.get(reverse("agreements:renew", args=[agreement.token]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Неверный ОГРН" in html and "Реквизиты взяты из вашего соглашения" in html
    assert page.context["form"].initial["inn"] == agreement.inn
    assert page.context["form"].initial["org_full_name"] == agreement.org_full_name


def test_the_prefilled_form_makes_a_new_draft(client, reviewer):
    agreement = rejected(reviewer)
    response = client.post(reverse("agreements:renew", args=[agreement.token]), form_data())
    assert response.status_code == 302
    assert Agreement.objects.count() == 2 and Agreement.objects.latest("pk").status == "draft"


def test_the_rejected_page_offers_to_conclude_again(client, reviewer):
    client.post(reverse("agreements:new"), form_data())
    agreement = Agreement.objects.latest("pk")
    agreement.submit(signature=b"", report={}, summary="")
    services.agreement_reject(agreement=Agreement.objects.get(pk=agreement.pk), actor=reviewer, reason="Нет полномочий")
    page = client.get(reverse("agreements:detail", args=[agreement.token])).content.decode()
    assert "Заключить заново" in page and reverse("agreements:renew", args=[agreement.token]) in page


@pytest.mark.parametrize("make", [draft, submitted])
def test_only_a_rejected_agreement_can_be_concluded_again(client, make):
    agreement = make()
    assert client.get(reverse("agreements:renew", args=[agreement.token])).status_code == 404


def test_an_unknown_token_is_a_404(client):
    assert client.get("/agreements/00000000-0000-0000-0000-000000000000/renew/").status_code == 404
