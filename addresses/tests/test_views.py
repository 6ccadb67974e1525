import pytest
from django.urls import reverse

from addresses.tests.factories import AddressFactory

pytestmark = pytest.mark.django_db

URL = reverse("addresses:suggest")


def test_suggestions_need_a_login(client, imported):
    response = client.get(URL, {"q": "щорса"})
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_suggestions_are_json_ids_and_full_texts(client, applicant, imported):
    client.force_login(applicant)
    response = client.get(URL, {"q": "Щорса д.8"})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    results = response.json()["results"]
    assert [item["text"] for item in results] == ["Белгородская обл., г. Белгород, ул. Щорса, д. 8",
                                                  "Белгородская обл., г. Белгород, ул. Щорса, д. 8, корп. 2"]
    assert all(isinstance(item["id"], int) for item in results)


def test_at_most_ten_suggestions_and_never_inactive_ones(client, applicant):
    AddressFactory.create_batch(12)
    AddressFactory(full_text="г. Белгород, ул. Садовая, д. 99", search_text="г белгород ул садовая д 99",
                   is_active=False)
    client.force_login(applicant)
    results = client.get(URL, {"q": "садовая"}).json()["results"]
    assert len(results) == 10 and "д. 99" not in {item["text"][-5:] for item in results}


def test_a_short_query_gets_an_empty_list(client, applicant, imported):
    client.force_login(applicant)
    assert client.get(URL, {"q": "що"}).json() == {"results": []}
    assert client.get(URL).json() == {"results": []}


def test_the_suggest_script_is_a_static_file_without_inline_code(client):
    from django.contrib.staticfiles import finders

    script = finders.find("addresses/suggest.js")
    assert script and "data-address-suggest" in open(script, encoding="utf-8").read()


def test_admin_finds_addresses_by_normalized_words_and_by_gar_id(admin_client, imported):
    from addresses.models import Address

    changelist = reverse("admin:addresses_address_changelist")
    page = admin_client.get(changelist, {"q": "ул щорса д8"}).content.decode()
    assert "ул. Щорса, д. 8" in page and "ул. Победы" not in page
    house = Address.objects.get(house="д. 69")
    page = admin_client.get(changelist, {"q": str(house.gar_object_id)}).content.decode()
    assert "ул. Победы, д. 69" in page and "ул. Щорса" not in page


def test_an_address_edited_in_admin_stays_findable(admin_client, imported):
    from addresses.models import Address

    address = Address.objects.get(house="д. 69")
    data = {field: getattr(address, field) or "" for field in (
        "region", "district", "locality", "street", "house", "building", "gar_object_id", "gar_object_guid",
        "latitude", "longitude")}
    data.update(full_text="Белгородская обл., г. Белгород, ул. Победы, д. 69А", is_active="on")
    response = admin_client.post(reverse("admin:addresses_address_change", args=[address.pk]), data)
    assert response.status_code == 302
    assert [a.pk for a in Address.objects.search("победы 69а")] == [address.pk]


def test_suggestions_carry_the_coordinates_when_known(client, applicant):
    from decimal import Decimal

    AddressFactory(full_text="г. Белгород, ул. Садовая, д. 1", search_text="г белгород ул садовая д 1",
                   latitude=Decimal("50.595500"), longitude=Decimal("36.587300"))
    AddressFactory(full_text="г. Белгород, ул. Садовая, д. 2", search_text="г белгород ул садовая д 2")
    client.force_login(applicant)
    results = {item["text"][-4:]: item for item in client.get(URL, {"q": "садовая"}).json()["results"]}
    assert (results["д. 1"]["lat"], results["д. 1"]["lon"]) == (50.5955, 36.5873)
    assert (results["д. 2"]["lat"], results["д. 2"]["lon"]) == (None, None)
