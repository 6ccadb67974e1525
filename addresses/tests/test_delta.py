"""A daily GAR delta lists only what changed: a renamed street comes without its houses, a house moved
to another street comes as a hierarchy row only. The register must still say the new address."""

import pytest

from addresses.models import Address
from addresses.services import gar_import

pytestmark = pytest.mark.django_db

GUID = "20240116_5d0c3f8e-2b7a-4c1e-9f0d-7a6b5c4d3e2f"
HEADER = '<?xml version="1.0" encoding="utf-8"?>'


def delta(tmp_path, kind, root, body):
    folder = tmp_path / "31"
    folder.mkdir(exist_ok=True)
    (folder / f"AS_{kind}_{GUID}.XML").write_text(f"{HEADER}<{root}>{body}</{root}>", encoding="utf-8")
    return tmp_path


def test_a_renamed_street_rewrites_the_addresses_of_its_houses(imported, tmp_path):
    shchorsa = Address.objects.get(street="ул. Щорса", house="д. 8", building="")
    guid = "9b1c2f4e-7d3a-4e5b-8c6d-1a2b3c4d5e6f"
    folder = delta(tmp_path, "ADDR_OBJ", "ADDRESSOBJECTS",
                   f'<OBJECT ID="300001" OBJECTID="1112577" OBJECTGUID="{guid}" NAME="Николая Щорса" TYPENAME="ул" '
                   'LEVEL="8" ISACTUAL="1" ISACTIVE="1"/>')
    counts = gar_import(directory=folder, region="31")
    assert (counts.objects, counts.houses, counts.refreshed) == (1, 0, 6)
    shchorsa.refresh_from_db()
    assert shchorsa.full_text == "Белгородская обл., г. Белгород, ул. Николая Щорса, д. 8"
    assert [a.pk for a in Address.objects.search("николая щорса 8")][0] == shchorsa.pk
    assert Address.objects.get(street="ул. Победы", house="д. 69").street == "ул. Победы"


def test_a_house_moved_in_the_hierarchy_gets_its_new_street(imported, tmp_path):
    house = Address.objects.get(street="ул. Победы", house="д. 69")
    folder = delta(tmp_path, "ADM_HIERARCHY", "ITEMS",
                   f'<ITEM ID="300002" OBJECTID="{house.gar_object_id}" PARENTOBJID="1112401" ISACTIVE="1" '
                   f'PATH="1076.1109.1112401.{house.gar_object_id}"/>')
    counts = gar_import(directory=folder, region="31")
    assert counts.refreshed == 1
    house.refresh_from_db()
    assert house.full_text == "Белгородская обл., г. Белгород, ул. Попова, д. 69"


def test_importing_the_same_extract_again_rewrites_nothing(imported, sample_dir):
    assert gar_import(directory=sample_dir, region="31").refreshed == 0
