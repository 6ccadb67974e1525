"""addresses.bulk.Upsert: new keys are COPYed straight into the table, existing ones upserted."""

import uuid

import pytest
from django.db import connection

from addresses.bulk import Upsert
from addresses.models import AddressObject

pytestmark = pytest.mark.django_db

OBJECTS = Upsert(AddressObject, ["objectid", "objectguid", "name", "typename", "level", "is_active"],
                 key="objectid", update=["objectguid", "name", "typename", "level", "is_active"],
                 compare=["name"])


def row(objectid, name):
    return (objectid, uuid.UUID(int=objectid), name, "ул", 8, True)


def names():
    return dict(AddressObject.objects.values_list("objectid", "name"))


def test_new_rows_are_inserted_and_existing_ones_updated_and_reported():
    assert OBJECTS.write([row(1, "Щорса"), row(2, "Победы")]) == set()
    assert OBJECTS.write([row(2, "Победы"), row(3, "Садовая"), row(1, "Щорса 2-я")]) == {1}
    assert names() == {1: "Щорса 2-я", 2: "Победы", 3: "Садовая"}
    # Stored as Django stores them (a UUID as hex text on SQLite), so the ORM reads them back.
    assert AddressObject.objects.get(objectguid=uuid.UUID(int=3)).objectid == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the COPY path is PostgreSQL's")
def test_keys_inserted_by_another_import_meanwhile_turn_the_batch_into_an_upsert():
    """After a batch of new keys the next one is COPYed without a lookup; keys that exist by then
    (another import inserted them) make the COPY fail as a whole: its savepoint is rolled back and the
    batch, given as a generator read once, is upserted: nothing lost, no error."""
    objects = Upsert(AddressObject, OBJECTS.columns, key="objectid", update=OBJECTS.update, compare=["name"])
    assert objects.write([row(4, "Садовая")]) == set()
    AddressObject.objects.create(objectid=1, objectguid=uuid.UUID(int=1), name="Щорса", typename="ул", level=8)
    assert objects.write(row(objectid, name) for objectid, name in [(1, "Щорса 2-я"), (5, "Новая")]) == {1}
    assert names() == {1: "Щорса 2-я", 4: "Садовая", 5: "Новая"}
    # That batch met a key: the next one is looked up first again, and its new key COPYed.
    assert objects.write([row(1, "Щорса 2-я"), row(6, "Лесная")]) == set()
    assert names() == {1: "Щорса 2-я", 4: "Садовая", 5: "Новая", 6: "Лесная"}


def test_an_empty_batch_writes_nothing():
    assert OBJECTS.write([]) == set()
    assert OBJECTS.write(iter(())) == set()
    assert names() == {}
