"""The organisation's pages: who gets in, the building list, the form's bad inputs, the check, the
signature upload and sending; another organisation's passports are 404 on every URL."""

import pytest
from django.urls import reverse
from django.utils import timezone

from passports.choices import Status
from passports.models import Passport
from passports.tests import factories
from portal.tests.queries import query_counts

pytestmark = pytest.mark.django_db

ORG_URLS = ["passports:detail", "passports:edit", "passports:content"]
ORG_POSTS = ["passports:validate", "passports:reopen", "passports:sign", "passports:send"]


def form_data(passport, **overrides):
    """What an organisation types in: every section, Russian decimal commas included."""
    data = {"reporting_date": timezone.localdate().isoformat(), "year_built": "1985", "floors": "9",
            "entrances": "4", "flats": "144", "total_area": "8120,5", "living_area": "6050",
            "wall_material": "panel", "energy_class": "C", "manager_name": "ООО «Ромашка»",
            "manager_inn": passport.manager_inn}
    for system in passport.systems.all():
        data.update({f"{system.kind}-supply": "central", f"{system.kind}-state": "good",
                     f"{system.kind}-meter_installed": "on", f"{system.kind}-meter_number": f"№{system.kind}",
                     f"{system.kind}-meter_verified_on": "2025-03-01"})
    return {**data, **overrides}


def test_an_account_without_an_agreement_gets_a_polite_page(client, applicant):
    client.force_login(applicant)
    for name in ("passports:list", "passports:buildings"):
        response = client.get(reverse(name))
        assert response.status_code == 403 and "заключите соглашение" in response.content.decode()


def test_anonymous_visitors_are_sent_to_login(client):
    assert client.get(reverse("passports:list")).status_code == 302


def test_the_building_list_shows_served_buildings_and_their_passports(client, org, reviewer):
    first, second = factories.served(org), factories.served(org)
    factories.accepted_passport(org, reviewer, first)
    factories.draft(org, first)
    factories.served(org, ends_on=timezone.localdate())  # no longer served
    client.force_login(org)
    rows = client.get(reverse("passports:buildings")).context["rows"]
    assert [row[0].address for row in rows] == sorted([first, second], key=lambda a: a.search_text)
    by_address = {row[0].address: row for row in rows}
    assert by_address[first][1].status == Status.DRAFT and by_address[first][2].status == Status.ACCEPTED
    assert by_address[second][1:] == (None, None)


def test_creating_a_passport_for_a_building_not_served_says_why(client, org):
    from addresses.tests.factories import AddressFactory

    client.force_login(org)
    response = client.post(reverse("passports:create", args=[AddressFactory().pk]), follow=True)
    assert "не входит в список обслуживаемых" in response.content.decode()
    assert not Passport.objects.exists()


def test_creating_a_passport_opens_its_form(client, org):
    address = factories.served(org)
    client.force_login(org)
    response = client.post(reverse("passports:create", args=[address.pk]))
    passport = Passport.objects.get()
    assert response.url == reverse("passports:edit", args=[passport.pk])
    page = client.get(response.url).content.decode()
    assert "Горячее водоснабжение" in page and 'name="gas-meter_number"' in page


def test_the_form_saves_every_section(client, org):
    passport = factories.draft(org)
    client.force_login(org)
    response = client.post(reverse("passports:edit", args=[passport.pk]), form_data(passport))
    assert response.status_code == 302
    passport.refresh_from_db()
    assert str(passport.total_area) == "8120.50" and passport.wall_material == "panel"
    assert passport.systems.get(kind="gas").meter_number == "№gas"


@pytest.mark.parametrize("field, value, message", [
    ("floors", "девять", "Введите целое число."),
    ("floors", "-1", "Убедитесь, что это значение больше либо равно 0."),
    ("total_area", "много", "Введите число."),
    ("reporting_date", "31.02.2026", "Введите правильную дату."),
    ("wall_material", "straw", "Выберите корректный вариант."),
    ("energy_class", "Z", "Выберите корректный вариант."),
    ("manager_inn", "7707083890", "ИНН указан неверно"),
    ("heating-state", "broken", "Выберите корректный вариант."),
    ("gas-meter_verified_on", "вчера", "Введите правильную дату."),
])
def test_bad_input_is_explained_and_nothing_typed_is_lost(client, org, field, value, message):
    passport = factories.draft(org)
    client.force_login(org)
    data = form_data(passport, **{field: value})
    response = client.post(reverse("passports:edit", args=[passport.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200 and message in page and "Паспорт не сохранён" in page
    assert f'value="{value}"' in page or f">{value}<" in page or field.endswith(("material", "class", "state"))
    assert 'value="№cold_water"' in page  # the other sections keep what was typed
    passport.refresh_from_db()
    assert passport.year_built is None  # nothing saved


def test_a_meter_number_without_the_tick_is_explained(client, org):
    passport = factories.draft(org)
    client.force_login(org)
    data = form_data(passport)
    del data["gas-meter_installed"]
    page = client.post(reverse("passports:edit", args=[passport.pk]), data).content.decode()
    assert "Отметьте, что прибор учёта установлен" in page


def test_a_checked_passport_cannot_be_edited(client, org):
    passport = factories.validated(org)
    client.force_login(org)
    response = client.post(reverse("passports:edit", args=[passport.pk]), form_data(passport, floors="3"),
                           follow=True)
    assert "больше нельзя изменить" in response.content.decode()
    assert Passport.objects.get(pk=passport.pk).floors == 9


def test_the_check_lists_the_problems_and_changes_nothing(client, org):
    passport = factories.complete(factories.draft(org), living_area="9000")
    client.force_login(org)
    response = client.post(reverse("passports:validate", args=[passport.pk]))
    page = response.content.decode()
    assert response.status_code == 400 and "не может быть больше общей площади" in page
    assert Passport.objects.get(pk=passport.pk).status == Status.DRAFT


def test_a_passing_check_offers_the_signature_and_the_download(client, org):
    passport = factories.complete(factories.draft(org))
    client.force_login(org)
    client.post(reverse("passports:validate", args=[passport.pk]))
    passport.refresh_from_db()
    page = client.get(reverse("passports:detail", args=[passport.pk])).content.decode()
    assert passport.status == Status.VALIDATED and "plugin-signer" in page and passport.content_sha256 in page
    download = client.get(reverse("passports:content", args=[passport.pk]))
    assert download.content == passport.content_bytes
    assert download["Content-Disposition"] == f'attachment; filename="passport-{passport.pk}.json"'


def test_an_uploaded_signature_signs_and_then_the_passport_is_sent(client, org, trusted, sign, legal_key):
    from django.core.files.uploadedfile import SimpleUploadedFile

    passport = factories.validated(org)
    client.force_login(org)
    upload = SimpleUploadedFile("passport.sig", sign(passport, legal_key))
    response = client.post(reverse("passports:sign", args=[passport.pk]), {"signature_file": upload}, follow=True)
    assert "Паспорт подписан." in response.content.decode()
    response = client.post(reverse("passports:send", args=[passport.pk]), follow=True)
    passport.refresh_from_db()
    assert passport.status == Status.SENT and passport.number in response.content.decode()


def test_the_plugin_gets_json_for_a_bad_signature(client, org):
    passport = factories.validated(org)
    client.force_login(org)
    response = client.post(reverse("passports:sign", args=[passport.pk]), {"signature": "не base64!"},
                           HTTP_ACCEPT="application/json")
    assert response.json()["valid"] is False and "base64" in response.json()["summary"]


def test_signing_without_a_file_is_explained(client, org):
    passport = factories.validated(org)
    client.force_login(org)
    page = client.post(reverse("passports:sign", args=[passport.pk])).content.decode()
    assert "Выберите файл подписи" in page


def test_a_content_download_before_the_check_is_a_clear_404(client, org):
    passport = factories.draft(org)
    client.force_login(org)
    response = client.get(reverse("passports:content", args=[passport.pk]))
    assert response.status_code == 404 and "ещё не проверен" in response.content.decode()


def test_another_organisation_gets_404_on_every_passport_url(client, org, other_org):
    passport = factories.validated(org)
    client.force_login(other_org)
    for name in ORG_URLS:
        assert client.get(reverse(name, args=[passport.pk])).status_code == 404, name
    for name in ORG_POSTS:
        assert client.post(reverse(name, args=[passport.pk])).status_code == 404, name
    assert client.post(reverse("passports:edit", args=[passport.pk]), form_data(passport)).status_code == 404
    assert passport not in client.get(reverse("passports:list")).context["page"]
    assert Passport.objects.get(pk=passport.pk).status == Status.VALIDATED


def test_the_list_filters_by_status_and_address(client, org):
    draft = factories.draft(org)
    checked = factories.validated(org)
    client.force_login(org)
    listed = lambda **query: list(client.get(reverse("passports:list"), query).context["page"])  # noqa: E731
    assert set(listed()) == {draft, checked}
    assert listed(status="validated") == [checked]
    assert listed(q=checked.address.house.replace("д. ", "садовая д ")) == [checked]
    assert listed(status="nonsense") == listed()  # a bad filter is ignored, not a 500


def test_the_lists_make_a_constant_number_of_queries(client, org, reviewer):
    factories.accepted_passport(org, reviewer)  # a non-empty page to start from
    client.force_login(org)
    for name in ("passports:list", "passports:buildings"):
        before, after = query_counts(client, reverse(name), lambda: factories.draft(org), times=5)
        assert before == after, name
