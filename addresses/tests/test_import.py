import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from addresses.demo import load_demo_addresses
from addresses.models import Address, AddressObject, HierarchyItem

pytestmark = pytest.mark.django_db

SHCHORSA_8 = "Белгородская обл., г. Белгород, ул. Щорса, д. 8"


def test_the_sample_imports_objects_hierarchy_and_houses_with_counts(imported):
    assert (imported.objects, imported.hierarchy, imported.houses, imported.skipped) == (11, 42, 31, 1)
    assert AddressObject.objects.count() == 11 and HierarchyItem.objects.count() == 42
    assert Address.objects.count() == 31


def test_the_hierarchy_becomes_the_full_russian_address(imported):
    address = Address.objects.get(full_text=SHCHORSA_8)
    assert str(address) == SHCHORSA_8
    assert (address.region, address.locality, address.street, address.house, address.building) == (
        "Белгородская обл.", "г. Белгород", "ул. Щорса", "д. 8", "")
    village = Address.objects.get(street="ул. Ягодная", house="д. 5")
    assert village.full_text == "Белгородская обл., Белгородский р-н, п. Дубовое, ул. Ягодная, д. 5"
    assert village.district == "Белгородский р-н" and village.gar_object_guid is not None


def test_buildings_structures_and_house_types_are_spelled_out(imported):
    assert Address.objects.filter(full_text=SHCHORSA_8 + ", корп. 2", building="корп. 2").exists()
    assert Address.objects.filter(street="ул. Садовая", house="д. 18", building="стр. 1").exists()
    assert Address.objects.filter(street="ул. Попова", house="зд. 40").exists()


def test_old_versions_and_stale_links_are_ignored_and_liquidated_houses_kept_inactive(imported):
    assert not Address.objects.filter(full_text__contains="Старая").exists()
    assert not Address.objects.filter(house="д. 73-75").exists()
    assert Address.objects.get(street="ул. Победы", house="д. 69").street == "ул. Победы"
    assert Address.objects.get(street="пер. Ватутина", house="д. 5").is_active is False


def test_a_re_import_updates_in_place_and_keeps_coordinates(imported, sample_dir):
    address = Address.objects.get(full_text=SHCHORSA_8)
    address.latitude, address.longitude = "50.595400", "36.587200"
    address.save()
    AddressObject.objects.filter(name="Щорса").update(name="Щорса (переименовать)")
    again = call_command_output("import_gar", str(sample_dir), "--region", "31")
    assert "31 houses" in again and Address.objects.count() == 31
    address.refresh_from_db()
    assert address.full_text == SHCHORSA_8 and str(address.latitude) == "50.595400"
    assert AddressObject.objects.filter(name="Щорса").count() == 1


def test_the_command_reports_its_counts(db, sample_dir):
    output = call_command_output("import_gar", str(sample_dir), "--region", "31", "--batch-size", "7")
    assert "11 address objects, 42 hierarchy items, 31 houses; skipped 1" in output
    assert Address.objects.count() == 31


def test_a_root_without_region_imports_every_region_folder(db, sample_dir):
    call_command_output("import_gar", str(sample_dir))
    assert Address.objects.count() == 31


def test_a_missing_directory_is_a_clear_command_error(db, tmp_path, english):
    with pytest.raises(CommandError, match="does not exist") as error:
        call_command("import_gar", str(tmp_path / "nowhere"))
    assert "nowhere" in str(error.value)


def test_a_missing_region_folder_is_a_clear_command_error(db, sample_dir, english):
    with pytest.raises(CommandError, match="region folder") as error:
        call_command("import_gar", str(sample_dir), "--region", "77")
    assert "77" in str(error.value)


def test_a_directory_without_gar_files_is_a_clear_command_error(db, tmp_path, english):
    (tmp_path / "notes.txt").write_text("not GAR")
    with pytest.raises(CommandError, match="No GAR files"):
        call_command("import_gar", str(tmp_path))


def test_broken_xml_names_the_file(db, tmp_path, sample_dir, english):
    shutil.copytree(sample_dir / "31", tmp_path / "31")
    houses = next((tmp_path / "31").glob("AS_HOUSES_*"))
    houses.write_text(houses.read_text(encoding="utf-8")[:500], encoding="utf-8")
    with pytest.raises(CommandError, match="not valid GAR XML") as error:
        call_command("import_gar", str(tmp_path), "--region", "31")
    assert houses.name in str(error.value)


def test_demo_data_imports_the_sample_once(db):
    messages = []
    stdout = type("Out", (), {"write": lambda self, text: messages.append(text)})()
    load_demo_addresses({}, stdout)
    load_demo_addresses({}, stdout)
    assert Address.objects.count() == 31 and len(messages) == 1


def call_command_output(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_an_extract_with_a_dtd_or_entities_is_refused(db, tmp_path, english):
    folder = tmp_path / "31"
    folder.mkdir()
    (folder / "AS_HOUSES_20240115_3bb2c67e-f828-4aef-86f3-16e9e4cd3150.XML").write_text(
        '<?xml version="1.0"?><!DOCTYPE HOUSES [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        '<HOUSES><HOUSE OBJECTID="1" HOUSENUM="&b;" ISACTUAL="1"/></HOUSES>', encoding="utf-8")
    with pytest.raises(CommandError, match="not valid GAR XML"):
        call_command("import_gar", str(tmp_path))
    assert not Address.objects.exists()


def test_a_damaged_row_is_counted_and_the_rest_imported(db, tmp_path, sample_dir):
    shutil.copytree(sample_dir / "31", tmp_path / "31")
    houses = next((tmp_path / "31").glob("AS_HOUSES_*"))
    text = houses.read_text(encoding="utf-8").replace(
        "</HOUSES>", '<HOUSE OBJECTID="x1" OBJECTGUID="not-a-guid" HOUSENUM="1" ISACTUAL="1"/></HOUSES>')
    houses.write_text(text, encoding="utf-8")
    output = call_command_output("import_gar", str(tmp_path), "--region", "31")
    assert "31 houses" in output and "left out 1 damaged rows" in output


def test_a_batch_listing_an_object_twice_keeps_the_later_row(db, tmp_path, sample_dir):
    from addresses.services import gar_import

    shutil.copytree(sample_dir / "31", tmp_path / "31")
    houses = next((tmp_path / "31").glob("AS_HOUSES_*"))
    text = houses.read_text(encoding="utf-8")
    first = text.index("<HOUSE ")
    line = text[first:text.index("/>", first) + 2]
    twice = line.replace('HOUSENUM="', 'HOUSENUM="1', 1)
    houses.write_text(text.replace(line, line + "\n" + twice, 1), encoding="utf-8")
    counts = gar_import(directory=tmp_path, region="31")
    objectid = int(line.split('OBJECTID="')[1].split('"')[0])
    assert counts.houses == 31
    number = line.split('HOUSENUM="')[1].split('"')[0]
    assert Address.objects.get(gar_object_id=objectid).house == f"д. 1{number}"
