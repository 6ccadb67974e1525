"""Importing a GAR extract into the register: address objects, then the hierarchy, then houses,
each streamed and written in batches, so a region of millions of houses needs memory for one batch.
Every write is an upsert on OBJECTID: running the import again (or a newer extract) updates in place."""

import dataclasses
import uuid

from django.db.models import Q
from django.utils import timezone

from addresses import compose, gar
from addresses.models import Address, AddressObject, HierarchyItem

BATCH_SIZE = 2000
UPDATE_FIELDS = [*compose.PLACE_FIELDS, "full_text", "search_text", "updated_at"]


@dataclasses.dataclass
class ImportCounts:
    objects: int = 0
    hierarchy: int = 0
    houses: int = 0
    skipped: int = 0  # actual houses with no active place in the hierarchy
    refreshed: int = 0  # addresses rewritten because a street was renamed or a house moved
    invalid: int = 0  # rows without a usable OBJECTID or OBJECTGUID, left out

    def add(self, other):
        for field in dataclasses.fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))


def gar_import(*, directory, region=None, batch_size=BATCH_SIZE):
    """Import every region folder found (see gar.region_dirs); raises gar.GarError for people."""
    counts = ImportCounts()
    for folder in gar.region_dirs(directory, region):
        counts.add(gar_import_folder(folder=folder, batch_size=batch_size))
    return counts


@dataclasses.dataclass
class Changes:
    """What an extract changed in rows imported before: a daily delta renames a street without listing
    its houses, so the houses' addresses are rewritten from what is stored."""

    renamed: set = dataclasses.field(default_factory=set)  # OBJECTIDs of address objects
    moved: set = dataclasses.field(default_factory=set)  # OBJECTIDs whose hierarchy path changed


def gar_import_folder(*, folder, batch_size=BATCH_SIZE):
    counts, changes = ImportCounts(), Changes()
    for path in gar.files_of(folder, "addr_obj"):
        counts.objects += _stream(path, "addr_obj", _object_or_none, lambda batch: _save_objects(batch, changes),
                                  batch_size, counts)
    for path in gar.files_of(folder, "hierarchy"):
        counts.hierarchy += _stream(path, "hierarchy", _hierarchy_or_none,
                                    lambda batch: _save_hierarchy(batch, changes), batch_size, counts)
    for path in gar.files_of(folder, "houses"):
        counts.houses += _stream(path, "houses", _house_or_none, lambda batch: _save_houses(batch, counts),
                                 batch_size, counts)
    counts.refreshed = refresh_changed(changes, batch_size)
    return counts


def _stream(path, kind, convert, save, batch_size, counts):
    """Convert each row, save in batches of `batch_size`, return how many were saved."""
    total, batch = 0, []
    for row in gar.rows(path, kind):
        try:
            item = convert(row)
        except (KeyError, ValueError):
            # One damaged row must not stop a region's import; the count tells the operator.
            counts.invalid += 1
            continue
        if item is not None:
            batch.append(item)
        if len(batch) >= batch_size:
            total += save(batch)
            batch = []
    if batch:
        total += save(batch)
    return total


def _unique(items, key):
    # A file may list one OBJECTID twice (a change within the extract): the later row wins, and an
    # upsert batch must not hold the same key twice.
    return list({getattr(item, key): item for item in items}.values())


# --- address objects and hierarchy ------------------------------------------------------------------

def _object_or_none(row):
    # Older versions of an object stay in the file with ISACTUAL="0"; only the actual one counts.
    if not gar.is_set(row, "ISACTUAL"):
        return None
    return AddressObject(objectid=int(row["OBJECTID"]), objectguid=uuid.UUID(row["OBJECTGUID"]),
                         name=row.get("NAME", ""), typename=row.get("TYPENAME", ""),
                         level=gar.as_int(row.get("LEVEL"), 0), is_active=gar.is_set(row, "ISACTIVE"))


def _save_objects(batch, changes):
    batch = _unique(batch, "objectid")
    before = {row[0]: row[1:] for row in AddressObject.objects.filter(objectid__in=[o.objectid for o in batch])
              .values_list("objectid", "name", "typename", "level")}
    changes.renamed.update(o.objectid for o in batch
                           if o.objectid in before and before[o.objectid] != (o.name, o.typename, o.level))
    AddressObject.objects.bulk_create(batch, update_conflicts=True, unique_fields=["objectid"],
                                      update_fields=["objectguid", "name", "typename", "level", "is_active"])
    return len(batch)


def _hierarchy_or_none(row):
    if not gar.is_set(row, "ISACTIVE"):
        return None
    return HierarchyItem(objectid=int(row["OBJECTID"]), parent_objectid=gar.as_int(row.get("PARENTOBJID")),
                         path=row.get("PATH", ""))


def _save_hierarchy(batch, changes):
    batch = _unique(batch, "objectid")
    before = dict(HierarchyItem.objects.filter(objectid__in=[item.objectid for item in batch])
                  .values_list("objectid", "path"))
    changes.moved.update(item.objectid for item in batch
                         if item.objectid in before and before[item.objectid] != item.path)
    HierarchyItem.objects.bulk_create(batch, update_conflicts=True, unique_fields=["objectid"],
                                      update_fields=["parent_objectid", "path"])
    return len(batch)


# --- houses → flattened addresses -------------------------------------------------------------------

def _house_or_none(row):
    if not gar.is_set(row, "ISACTUAL"):
        return None
    # Parsed here so that a damaged row is counted as invalid, not a failure of its whole batch.
    return {**row, "OBJECTID": int(row["OBJECTID"]), "OBJECTGUID": uuid.UUID(row["OBJECTGUID"])}


def _save_houses(rows, counts):
    """Resolve a batch of houses through the hierarchy into Address rows and upsert them."""
    rows = list({row["OBJECTID"]: row for row in rows}.values())
    paths = dict(HierarchyItem.objects.filter(objectid__in=[row["OBJECTID"] for row in rows])
                 .values_list("objectid", "path"))
    ancestors = compose.ancestors_by_id(paths.values())
    addresses = []
    for row in rows:
        path = paths.get(row["OBJECTID"])
        if path is None:
            counts.skipped += 1
            continue
        addresses.append(compose.fill(_house(row), compose.place_fields(path, ancestors)))
    Address.objects.bulk_create(
        addresses, update_conflicts=True, unique_fields=["gar_object_id"],
        update_fields=[*compose.PLACE_FIELDS, "house", "building", "full_text", "search_text", "gar_object_guid",
                       "is_active", "updated_at"])
    return len(addresses)


def _house(row):
    return Address(house=gar.house_label(gar.as_int(row.get("HOUSETYPE")), row.get("HOUSENUM", "")),
                   building=gar.building_label(row), gar_object_id=row["OBJECTID"],
                   gar_object_guid=row["OBJECTGUID"], is_active=gar.is_set(row, "ISACTIVE"))


# --- changes to what was imported before --------------------------------------------------------------

def refresh_changed(changes, batch_size=BATCH_SIZE):
    """Rewrite the addresses of moved houses and of every house below a renamed object."""
    total = 0
    for items in _changed_items(changes, batch_size):
        paths = dict(items)
        addresses = list(Address.objects.filter(gar_object_id__in=paths))
        ancestors = compose.ancestors_by_id(paths[address.gar_object_id] for address in addresses)
        now = timezone.now()
        for address in addresses:
            compose.fill(address, compose.place_fields(paths[address.gar_object_id], ancestors))
            address.updated_at = now
        Address.objects.bulk_update(addresses, UPDATE_FIELDS)
        total += len(addresses)
    return total


def _changed_items(changes, batch_size):
    """(objectid, path) of the hierarchy rows concerned, in batches; a few renamed objects per query."""
    moved = sorted(changes.moved)
    for start in range(0, len(moved), batch_size):
        yield HierarchyItem.objects.filter(objectid__in=moved[start:start + batch_size]).values_list("objectid", "path")
    renamed = sorted(changes.renamed)
    for start in range(0, len(renamed), 50):
        below = Q()
        for objectid in renamed[start:start + 50]:
            below |= Q(path__startswith=f"{objectid}.") | Q(path__contains=f".{objectid}.")
        batch = []
        for item in HierarchyItem.objects.filter(below).values_list("objectid", "path").iterator(batch_size):
            batch.append(item)
            if len(batch) >= batch_size:
                yield batch
                batch = []
        if batch:
            yield batch
