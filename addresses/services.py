"""Importing a GAR extract into the register: address objects, then the hierarchy, then houses,
each streamed and written in batches, so a region of millions of houses needs memory for one batch.
Every write is an upsert on OBJECTID: running the import again (or a newer extract) updates in place.
Batches are written by addresses.bulk (COPY and one set-based upsert on PostgreSQL)."""

import dataclasses
import functools
import uuid

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from addresses import compose, gar
from addresses.bulk import Upsert, lookup
from addresses.models import Address, AddressObject, HierarchyItem
from addresses.normalize import normalize

BATCH_SIZE = 5000
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
    places = Places()
    for path in gar.files_of(folder, "houses"):
        counts.houses += _stream(path, "houses", _house_or_none, lambda batch: _save_houses(batch, counts, places),
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
            _forget_queries()
    if batch:
        total += save(batch)
    return total


def _forget_queries():
    """With DEBUG on, Django keeps the last 9,000 statements of the connection; a batch's lookups
    name thousands of ids, so an import of millions of rows would hold ~200 MB of SQL text."""
    connection.queries_log.clear()


def _unique(rows, key_index=0):
    # A file may list one OBJECTID twice (a change within the extract): the later row wins, and an
    # upsert batch must not hold the same key twice.
    return list({row[key_index]: row for row in rows}.values())


# --- address objects and hierarchy ------------------------------------------------------------------

OBJECTS = Upsert(AddressObject, ["objectid", "objectguid", "name", "typename", "level", "is_active"],
                 key="objectid", update=["objectguid", "name", "typename", "level", "is_active"],
                 compare=["name", "typename", "level"])
HIERARCHY = Upsert(HierarchyItem, ["objectid", "parent_objectid", "path"], key="objectid",
                   update=["parent_objectid", "path"], compare=["path"])


def _object_or_none(row):
    # Older versions of an object stay in the file with ISACTUAL="0"; only the actual one counts.
    if not gar.is_set(row, "ISACTUAL"):
        return None
    return (int(row["OBJECTID"]), uuid.UUID(row["OBJECTGUID"]), row.get("NAME", ""), row.get("TYPENAME", ""),
            gar.as_int(row.get("LEVEL"), 0), gar.is_set(row, "ISACTIVE"))


def _save_objects(batch, changes):
    batch = _unique(batch)
    changes.renamed.update(OBJECTS.write(batch))
    return len(batch)


def _hierarchy_or_none(row):
    if not gar.is_set(row, "ISACTIVE"):
        return None
    return int(row["OBJECTID"]), gar.as_int(row.get("PARENTOBJID")), row.get("PATH", "")


def _save_hierarchy(batch, changes):
    batch = _unique(batch)
    changes.moved.update(HIERARCHY.write(batch))
    return len(batch)


# --- houses → flattened addresses -------------------------------------------------------------------

ADDRESS_COLUMNS = [*compose.PLACE_FIELDS, "house", "building", "full_text", "search_text", "gar_object_id",
                   "gar_object_guid", "is_active", "updated_at"]
ADDRESSES = Upsert(Address, ADDRESS_COLUMNS, key="gar_object_id",
                   update=[column for column in ADDRESS_COLUMNS if column != "gar_object_id"])


def _house_or_none(row):
    if not gar.is_set(row, "ISACTUAL"):
        return None
    # Parsed here so that a damaged row is counted as invalid, not a failure of its whole batch.
    return {**row, "OBJECTID": int(row["OBJECTID"]), "OBJECTGUID": uuid.UUID(row["OBJECTGUID"])}


class Places:
    """The place of a house's parent (region … street) for one import, as (fields, text, normalized
    text): the houses of a street share it, so it is composed once per street, not once per house."""

    LIMIT = 100_000  # parents kept; beyond that the memory is given back and refilled

    def __init__(self):
        self.by_parent = {}

    def for_paths(self, paths):
        """{house path: place} for a batch, reading only the unknown parents' ancestors."""
        parents = {path: path.rpartition(".")[0] for path in paths}
        missing = {parent for parent in parents.values() if parent not in self.by_parent}
        if len(self.by_parent) + len(missing) > self.LIMIT:
            self.by_parent = {}
            missing = set(parents.values())
        if missing:
            ancestors = compose.ancestors_by_id(missing)
            for parent in missing:
                fields = compose.place_fields(parent, ancestors)
                text = compose.joined(fields.values())
                self.by_parent[parent] = (fields, text, normalize(text))
        return {path: self.by_parent[parent] for path, parent in parents.items()}


def _save_houses(rows, counts, places):
    """Resolve a batch of houses through the hierarchy into address rows and upsert them."""
    rows = list({row["OBJECTID"]: row for row in rows}.values())
    paths = lookup(HierarchyItem, "objectid", "path", (row["OBJECTID"] for row in rows))
    place_of = places.for_paths(set(paths.values()))
    now, addresses = timezone.now(), []
    for row in rows:
        path = paths.get(row["OBJECTID"])
        if path is None:
            counts.skipped += 1
            continue
        addresses.append(_address_row(row, place_of[path], now))
    ADDRESSES.write(addresses)
    return len(addresses)


@functools.lru_cache(maxsize=50_000)
def _normalized_house(text):
    # "д. 12, корп. 2": the same few thousand texts on every street of a region.
    return normalize(text)


def _address_row(row, place, now):
    """The ADDRESS_COLUMNS of a house: what compose.fill() gives, with the place's texts reused (the
    normalized words of "place, house" are those of the place followed by those of the house)."""
    fields, place_text, place_search = place
    house = gar.house_label(gar.as_int(row.get("HOUSETYPE")), row.get("HOUSENUM", ""))
    building = gar.building_label(row)
    own = compose.joined((house, building))
    return (*fields.values(), house, building, compose.joined((place_text, own)),
            " ".join(part for part in (place_search, _normalized_house(own)) if part), row["OBJECTID"],
            row["OBJECTGUID"],
            gar.is_set(row, "ISACTIVE"), now)


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
