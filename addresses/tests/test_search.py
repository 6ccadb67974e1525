import pytest
from django.db import connection

from addresses.models import Address
from addresses.normalize import normalize
from addresses.tests.factories import AddressFactory

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL only")


def texts(query):
    return [address.full_text for address in Address.objects.search(query)]


def test_normalization_unifies_case_yo_punctuation_and_abbreviations():
    assert normalize("Улица Щорса, Дом 8, корпус 2") == "ул щорса д 8 к 2"
    assert normalize("г.Белгород, пр-т Б. Хмельницкого, д.133") == "г белгород пр-кт б хмельницкого д 133"
    assert normalize("Пос. Дубовое, ул. Берёзовая") == "п дубовое ул березовая"


def test_every_typed_word_must_begin_a_word_of_the_address(imported):
    assert texts("щорса 8") == ["Белгородская обл., г. Белгород, ул. Щорса, д. 8",
                                "Белгородская обл., г. Белгород, ул. Щорса, д. 8, корп. 2"]
    assert texts("Улица Победы, дом 73") == ["Белгородская обл., г. Белгород, ул. Победы, д. 73"]
    assert len(texts("хмельн")) == 5


def test_people_may_type_abbreviations_glued_or_spelled_out(imported):
    assert texts("ул щорса д8 корпус 2") == ["Белгородская обл., г. Белгород, ул. Щорса, д. 8, корп. 2"]
    assert texts("садовая строение 1") == ["Белгородская обл., г. Белгород, ул. Садовая, д. 18, стр. 1"]


def test_yo_and_case_do_not_matter():
    AddressFactory(street="ул. Берёзовая", full_text="г. Белгород, ул. Берёзовая, д. 1",
                   search_text=normalize("г. Белгород, ул. Берёзовая, д. 1"))
    assert texts("БЕРЕЗОВАЯ") == texts("берёзовая") == ["г. Белгород, ул. Берёзовая, д. 1"]


def test_queries_under_three_characters_find_nothing(imported):
    assert texts("") == texts("щ") == texts("д8") == texts(" ул ") == []
    assert texts("щор") != []


def test_the_search_chains_with_other_filters(imported):
    assert Address.objects.active().search("ватутина").count() == 1
    assert Address.objects.search("ватутина").count() == 2


@on_postgresql
def test_postgresql_forgives_a_typo_through_trigrams(imported):
    assert "Белгородская обл., г. Белгород, пр-кт Богдана Хмельницкого, д. 133" in texts("хмельницково 133")


@on_postgresql
def test_postgresql_has_the_trigram_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'addresses_address_search_trgm'")
        assert "gin_trgm_ops" in cursor.fetchone()[0]
