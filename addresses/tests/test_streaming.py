"""A region's house file is gigabytes: reading and importing it must need memory for one batch only."""

import tracemalloc
import uuid

import pytest

from addresses import gar
from addresses.models import Address
from addresses.services import gar_import

DATE_GUID = f"20240115_{uuid.UUID(int=1)}"
MB = 1024 * 1024


def write_region(folder, houses):
    """A generated region: one street of `houses` houses, with their hierarchy."""
    folder.mkdir()
    street_path = "1076.1109.1112577"
    (folder / f"AS_ADDR_OBJ_{DATE_GUID}.XML").write_text(
        '<?xml version="1.0" encoding="utf-8"?><ADDRESSOBJECTS>'
        f'<OBJECT OBJECTID="1076" OBJECTGUID="{uuid.UUID(int=2)}" NAME="Белгородская" TYPENAME="обл" LEVEL="1" '
        'ISACTUAL="1" ISACTIVE="1"/>'
        f'<OBJECT OBJECTID="1109" OBJECTGUID="{uuid.UUID(int=3)}" NAME="Белгород" TYPENAME="г" LEVEL="5" '
        'ISACTUAL="1" ISACTIVE="1"/>'
        f'<OBJECT OBJECTID="1112577" OBJECTGUID="{uuid.UUID(int=4)}" NAME="Щорса" TYPENAME="ул" LEVEL="8" '
        'ISACTUAL="1" ISACTIVE="1"/></ADDRESSOBJECTS>', encoding="utf-8")
    with open(folder / f"AS_HOUSES_{DATE_GUID}.XML", "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?><HOUSES>\n')
        for n in range(houses):
            out.write(f'<HOUSE ID="{n}" OBJECTID="{10_000_000 + n}" OBJECTGUID="{uuid.UUID(int=10 ** 6 + n)}" '
                      f'CHANGEID="{n}" HOUSENUM="{n}" HOUSETYPE="2" OPERTYPEID="10" PREVID="0" NEXTID="0" '
                      'UPDATEDATE="2024-01-12" STARTDATE="2012-03-01" ENDDATE="2079-06-06" ISACTUAL="1" '
                      'ISACTIVE="1"/>\n')
        out.write("</HOUSES>\n")
    with open(folder / f"AS_ADM_HIERARCHY_{DATE_GUID}.XML", "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?><ITEMS>\n')
        for n in range(houses):
            objectid = 10_000_000 + n
            out.write(f'<ITEM ID="{n}" OBJECTID="{objectid}" PARENTOBJID="1112577" ISACTIVE="1" '
                      f'PATH="{street_path}.{objectid}"/>\n')
        out.write("</ITEMS>\n")


def peak_of(work):
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_reading_100k_houses_keeps_memory_under_a_megabyte(tmp_path):
    write_region(tmp_path / "31", 100_000)
    houses = next((tmp_path / "31").glob("AS_HOUSES_*"))
    assert houses.stat().st_size > 20 * MB
    counted = []
    peak = peak_of(lambda: counted.append(sum(1 for _row in gar.rows(houses, "houses"))))
    assert counted == [100_000]
    assert peak < 1 * MB, f"peak {peak / MB:.1f} MB"


@pytest.mark.django_db
def test_importing_houses_needs_memory_for_one_batch_not_the_file(tmp_path):
    write_region(tmp_path / "31", 10_000)
    result = []
    peak = peak_of(lambda: result.append(gar_import(directory=tmp_path, region="31", batch_size=500)))
    assert result[0].houses == 10_000 and Address.objects.count() == 10_000
    assert Address.objects.get(gar_object_id=10_009_999).full_text == (
        "Белгородская обл., г. Белгород, ул. Щорса, д. 9999")
    # Holding every house of the file at once would take several times this.
    assert peak < 6 * MB, f"peak {peak / MB:.1f} MB"


@pytest.mark.django_db
def test_with_debug_on_the_query_log_holds_one_batch_not_the_import(tmp_path, settings):
    from django.db import connection

    write_region(tmp_path / "31", 3_000)
    settings.DEBUG = True
    connection.queries_log.clear()
    result = gar_import(directory=tmp_path, region="31", batch_size=200)
    assert result.houses == 3_000
    # 15 batches of houses and 15 of hierarchy were written; only the last batch's few statements remain.
    assert len(connection.queries_log) < 20
    assert sum(len(query["sql"]) for query in connection.queries_log) < 200_000


@pytest.mark.django_db
def test_the_imported_texts_are_those_compose_fill_makes(imported):
    """The import reuses each street's texts; every address must equal the one composed whole."""
    from addresses import compose
    from addresses.normalize import normalize

    for address in Address.objects.all():
        parts = [address.region, address.district, address.locality, address.street, address.house, address.building]
        assert address.full_text == compose.joined(parts)
        assert address.search_text == normalize(address.full_text)
