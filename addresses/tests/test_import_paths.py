"""The two ways a batch reaches the table (addresses.bulk.Upsert on PostgreSQL): a first import is
COPYed without looking its keys up, and a batch meeting existing keys (a re-import, a partial import
before, another import at the same moment) falls back to the upsert. Both must store the same rows.
The Reader reads the next batch while the current one is written."""

import gc

import pytest
from django.db import connection

from addresses.models import Address, AddressObject, HierarchyItem
from addresses.services import Reader, _hierarchy_or_none, gar_import
from addresses.tests.test_streaming import write_region
from portal.tests.concurrency import run_together

HOUSES = 100
BATCH = 20  # five batches of houses, so that the hint of one batch is used by the next


def stored():
    """Every imported row, without the surrogate ids and the time of writing."""
    return (list(AddressObject.objects.order_by("objectid").values_list("objectid", "objectguid", "name", "typename",
                                                                         "level", "is_active")),
            list(HierarchyItem.objects.order_by("objectid").values_list("objectid", "parent_objectid", "path")),
            list(Address.objects.order_by("gar_object_id").values_list(
                "gar_object_id", "gar_object_guid", "region", "district", "locality", "street", "house", "building",
                "full_text", "search_text", "is_active")))


def keep_houses_from(folder, first_objectid):
    """Leave in the house file only the houses whose OBJECTID is first_objectid or above."""
    houses = next(folder.glob("AS_HOUSES_*"))
    lines = houses.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if 'OBJECTID="' not in line
            or int(line.split('OBJECTID="')[1].split('"')[0]) >= first_objectid]
    houses.write_text("\n".join(kept), encoding="utf-8")


@pytest.mark.django_db
def test_a_first_import_and_imports_over_existing_rows_store_the_same_rows(tmp_path):
    for name in ("full", "later"):
        (tmp_path / name).mkdir()
        write_region(tmp_path / name / "31", HOUSES)
    keep_houses_from(tmp_path / "later" / "31", 10_000_000 + HOUSES // 2)

    assert gar_import(directory=tmp_path / "full", region="31", batch_size=BATCH).houses == HOUSES
    first = stored()
    assert len(first[2]) == HOUSES

    # Again over itself: every batch meets existing keys.
    assert gar_import(directory=tmp_path / "full", region="31", batch_size=BATCH).houses == HOUSES
    assert stored() == first

    # Over the later half only: the first batches are new (COPYed without a lookup once one found no
    # key), the third meets existing keys in the middle of a COPY and is upserted instead.
    Address.objects.all().delete()
    assert gar_import(directory=tmp_path / "later", region="31", batch_size=BATCH).houses == HOUSES // 2
    assert gar_import(directory=tmp_path / "full", region="31", batch_size=BATCH).houses == HOUSES
    assert stored() == first


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL (CI runs it)")
def test_two_imports_of_the_same_extract_at_once_both_succeed_with_the_rows_of_one(tmp_path):
    """The second import's COPY waits on the first one's uncommitted keys, then fails on them: its batch
    is rolled back to its savepoint and upserted, and neither import stops."""
    write_region(tmp_path / "31", HOUSES)
    assert gar_import(directory=tmp_path, region="31", batch_size=BATCH).houses == HOUSES
    assert gc.get_freeze_count() == 0
    expected = stored()
    Address.objects.all().delete()
    HierarchyItem.objects.all().delete()
    AddressObject.objects.all().delete()

    results = run_together([lambda: gar_import(directory=tmp_path, region="31", batch_size=BATCH)] * 2)
    assert [getattr(result, "houses", result) for result in results] == [HOUSES, HOUSES]
    assert stored() == expected


def test_the_next_batch_is_read_while_the_current_one_is_written(tmp_path):
    write_region(tmp_path / "31", 12)
    hierarchy = next((tmp_path / "31").glob("AS_ADM_HIERARCHY_*"))
    reader = Reader(hierarchy, "hierarchy", _hierarchy_or_none, 5, counts=None)
    batches = reader.batches()
    first = next(batches)
    assert [item[0] for item in first] == [10_000_000 + n for n in range(5)] and reader.pending == []
    written = list(reader.along(first))  # what a COPY of the batch reads
    assert written == first
    assert [item[0] for item in reader.pending] == [10_000_000 + n for n in range(5, 10)]
    assert [item[0] for batch in batches for item in batch] == [10_000_000 + n for n in range(5, 12)]


@pytest.mark.django_db
def test_broken_xml_met_while_reading_ahead_stops_the_import_after_the_batches_before_it(tmp_path):
    from addresses.gar import GarError

    write_region(tmp_path / "31", 12)
    hierarchy = next((tmp_path / "31").glob("AS_ADM_HIERARCHY_*"))
    lines = hierarchy.read_text(encoding="utf-8").splitlines()
    hierarchy.write_text("\n".join(lines[:1 + 8]), encoding="utf-8")  # 8 items, no closing </ITEMS>
    with pytest.raises(GarError, match="AS_ADM_HIERARCHY"):
        gar_import(directory=tmp_path, region="31", batch_size=5)
    # The first batch was written; the 3 items read after it belong to the batch the error broke.
    assert HierarchyItem.objects.count() == 5
    # The objects frozen for the import's duration are given back to the collector, error or not.
    assert gc.get_freeze_count() == 0


def test_a_guid_is_kept_as_canonical_text_and_other_forms_are_rewritten_or_refused():
    from addresses.gar import guid

    canonical = "3bb2c67e-f828-4aef-86f3-16e9e4cd3150"
    assert guid(canonical) is canonical
    assert guid("{3BB2C67E-F828-4AEF-86F3-16E9E4CD3150}") == canonical
    assert guid("3bb2c67ef8284aef86f316e9e4cd3150") == canonical
    with pytest.raises(ValueError):
        guid("3bb2c67e-f828-4aef-86f3")
