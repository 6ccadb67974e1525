"""Importing a GAR extract into the register: address objects, then the hierarchy, then houses,
each streamed and written in batches, so a region of millions of houses needs memory for one batch.
Every write is an upsert on OBJECTID: running the import again (or a newer extract) updates in place.
Batches are written by addresses.bulk (COPY and one set-based upsert on PostgreSQL)."""

import contextlib
import dataclasses
import functools
import gc
import typing

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
    folders = gar.region_dirs(directory, region)
    with _loaded_objects_frozen():
        for folder in folders:
            counts.add(gar_import_folder(folder=folder, batch_size=batch_size))
    return counts


@contextlib.contextmanager
def _loaded_objects_frozen():
    """gc.freeze() while importing: the import allocates containers for every row, which triggers the
    cyclic collector, and each full collection walked again every object the process had loaded before
    (Django's and the portal's modules, ~150,000): 8-10% of the import's CPU at 100,000 houses (issue
    18). What the import allocates is still collected; gc.unfreeze() gives the rest back to it."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@dataclasses.dataclass
class Changes:
    """What an extract changed in rows imported before: a daily delta renames a street without listing
    its houses, so the houses' addresses are rewritten from what is stored."""

    renamed: set = dataclasses.field(default_factory=set)  # OBJECTIDs of address objects
    moved: set = dataclasses.field(default_factory=set)  # OBJECTIDs whose hierarchy path changed


def gar_import_folder(*, folder, batch_size=BATCH_SIZE):
    counts, changes = ImportCounts(), Changes()
    for path in gar.files_of(folder, "addr_obj"):
        counts.objects += _stream(Reader(path, "addr_obj", _object_or_none, batch_size, counts),
                                  lambda batch, along: _save_objects(batch, along, changes))
    for path in gar.files_of(folder, "hierarchy"):
        counts.hierarchy += _stream(Reader(path, "hierarchy", _hierarchy_or_none, batch_size, counts),
                                    lambda batch, along: _save_hierarchy(batch, along, changes))
    places = Places()
    for path in gar.files_of(folder, "houses"):
        counts.houses += _stream(Reader(path, "houses", _house_or_none, batch_size, counts),
                                 lambda batch, along: _save_houses(batch, along, counts, places))
    counts.refreshed = refresh_changed(changes, batch_size)
    return counts


def _stream(reader, save):
    """Save the reader's batches, return how many rows were saved. `save(batch, along)` passes the
    rows it writes through `along` (Reader.along), which reads the next batch while they are sent."""
    total = 0
    for batch in reader.batches():
        total += save(batch, reader.along)
        _forget_queries()
    return total


class Reader:
    """A GAR file's rows converted by `convert` (None: left out), in lists of up to `batch_size`.

    The next batch is read a row at a time while the rows of the current one are written
    (`along`): on PostgreSQL they go out as a COPY, which the server inserts as the data arrives,
    so the XML is parsed while the server works instead of while it waits (issue 18: with both in
    turn, an import took 2.5 times a COPY of its rows). One thread, memory for two batches."""

    def __init__(self, path, kind, convert, batch_size, counts):
        self.rows, self.convert, self.batch_size, self.counts = gar.rows(path, kind), convert, batch_size, counts
        self.pending, self.ended, self.error = [], False, None

    def batches(self):
        """The batches; a gar.GarError met while reading ahead is raised in place of the batch it
        broke, after the batches before it, as when the file is read batch by batch."""
        while True:
            while not self.ended and len(self.pending) < self.batch_size:
                self.step()
            if self.error is not None:
                raise self.error
            if not self.pending:
                return
            batch, self.pending = self.pending, []
            yield batch

    def along(self, rows):
        """The rows, reading one more row of the file after each."""
        for row in rows:
            yield row
            self.step()

    def step(self):
        """Read and convert one row into the next batch, unless it is full or the file ended."""
        if self.ended or len(self.pending) >= self.batch_size:
            return
        try:
            row = next(self.rows, None)
        except gar.GarError as error:  # raised by batches(), not in the middle of the batch being written
            self.ended, self.error = True, error
            return
        if row is None:
            self.ended = True
            return
        try:
            item = self.convert(row)
        except (KeyError, ValueError):
            # One damaged row must not stop a region's import; the count tells the operator.
            self.counts.invalid += 1
            return
        if item is not None:
            self.pending.append(item)


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
    return (int(row["OBJECTID"]), gar.guid(row["OBJECTGUID"]), row.get("NAME", ""), row.get("TYPENAME", ""),
            gar.as_int(row.get("LEVEL"), 0), gar.is_set(row, "ISACTIVE"))


def _save_objects(batch, along, changes):
    batch = _unique(batch)
    changes.renamed.update(OBJECTS.write(along(batch)))
    return len(batch)


def _hierarchy_or_none(row):
    if not gar.is_set(row, "ISACTIVE"):
        return None
    return int(row["OBJECTID"]), gar.as_int(row.get("PARENTOBJID")), row.get("PATH", "")


def _save_hierarchy(batch, along, changes):
    batch = _unique(batch)
    changes.moved.update(HIERARCHY.write(along(batch)))
    return len(batch)


# --- houses → flattened addresses -------------------------------------------------------------------

ADDRESS_COLUMNS = [*compose.PLACE_FIELDS, "house", "building", "full_text", "search_text", "gar_object_id",
                   "gar_object_guid", "is_active", "updated_at"]
ADDRESSES = Upsert(Address, ADDRESS_COLUMNS, key="gar_object_id",
                   update=[column for column in ADDRESS_COLUMNS if column != "gar_object_id"])


class House(typing.NamedTuple):
    """What an address needs of an AS_HOUSES row, made as the file is read (Reader)."""

    objectid: int
    guid: str  # canonical text (gar.guid)
    house: str  # "д. 12"
    building: str  # "корп. 2"
    own: str  # "д. 12, корп. 2"
    own_search: str  # its normalized words
    is_active: bool


def _house_or_none(row):
    if not gar.is_set(row, "ISACTUAL"):
        return None
    # Parsed here so that a damaged row is counted as invalid, not a failure of its whole batch.
    objectid, guid = int(row["OBJECTID"]), gar.guid(row["OBJECTGUID"])
    house = gar.house_label(gar.as_int(row.get("HOUSETYPE")), row.get("HOUSENUM", ""))
    building = gar.building_label(row)
    own = _joined(house, building, ", ")
    return House(objectid, guid, house, building, own, _normalized_house(own), gar.is_set(row, "ISACTIVE"))


class Places:
    """The place of a house's parent (region … street) for one import, as (the values of the place
    fields in compose.PLACE_FIELDS order, text, normalized text): the houses of a street share it, so
    it is composed once per street, not once per house."""

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
                self.by_parent[parent] = (tuple(fields.values()), text, normalize(text))
        return {path: self.by_parent[parent] for path, parent in parents.items()}


def _save_houses(houses, along, counts, places):
    """Resolve a batch of houses through the hierarchy into address rows and upsert them; the rows
    are made as the COPY sends them (addresses.bulk.Upsert.write)."""
    houses = list({house.objectid: house for house in houses}.values())
    paths = lookup(HierarchyItem, "objectid", "path", (house.objectid for house in houses))
    place_of = places.for_paths(set(paths.values()))
    placed = [house for house in houses if house.objectid in paths]
    counts.skipped += len(houses) - len(placed)
    now = timezone.now()
    ADDRESSES.write(along(_address_row(house, place_of[paths[house.objectid]], now) for house in placed))
    return len(placed)


@functools.lru_cache(maxsize=50_000)
def _normalized_house(text):
    # "д. 12, корп. 2": the same few thousand texts on every street of a region.
    return normalize(text)


def _joined(first, second, separator):
    """compose.joined() of two parts (the empty ones left out), without its generator: it runs twice
    for each house."""
    return f"{first}{separator}{second}" if first and second else first or second


def _address_row(house, place, now):
    """The ADDRESS_COLUMNS of a house: what compose.fill() gives, with the place's texts reused (the
    normalized words of "place, house" are those of the place followed by those of the house)."""
    fields, place_text, place_search = place
    return (*fields, house.house, house.building, _joined(place_text, house.own, ", "),
            _joined(place_search, house.own_search, " "), house.objectid, house.guid, house.is_active, now)


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
