"""Writing GAR import batches as fast as the database takes rows (issue 18).

`bulk_create(update_conflicts=True)` builds one statement with a parameter per value and makes the
driver bind them all: for a region of millions of rows most of the import went there. Here:

- PostgreSQL: one lookup tells which keys of the batch exist; the new rows are COPYed straight into
  the table, the existing ones into a temporary staging table of the same columns, from which one
  set-based `INSERT … SELECT … ON CONFLICT DO UPDATE` moves them into the table (and, before that,
  one join tells which existing rows the batch changes). After a batch without existing keys the
  next is COPYed without the lookup, as its rows are made (a first import: the client builds rows
  while the server inserts); a key that exists after all fails that COPY and the batch is upserted;
- SQLite (development): one prepared `INSERT … ON CONFLICT DO UPDATE` run with executemany.

Rows are tuples in the order of `columns`, in Python types (UUID, datetime, bool); keys are integers
(GAR's OBJECTIDs); each batch is one transaction. Nothing goes through Django's query log, so memory
stays flat with DEBUG on.
"""

import uuid

import psycopg
from django.db import connection, transaction

# Field types whose values (str, int, bool from the importer) go to the database unchanged.
PLAIN_TYPES = frozenset({"CharField", "TextField", "SlugField", "BooleanField", "IntegerField", "BigIntegerField",
                         "SmallIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField",
                         "PositiveBigIntegerField"})


def _converter(field):
    """None for a value the driver takes as it is; a UUID's hex (from a UUID or its text) where UUIDs
    are stored as text; for other types the field's get_db_prep_save, remembering the last value (a
    batch's rows share their `updated_at`, whose conversion to text with its time zone is slow)."""
    kind = field.get_internal_type()
    if kind in PLAIN_TYPES:
        return None
    if kind == "UUIDField" and not connection.features.has_native_uuid_field:
        return lambda value: (value if isinstance(value, uuid.UUID) else uuid.UUID(value)).hex
    last = [object(), None]

    def convert(value):
        if value != last[0]:
            last[:] = value, field.get_db_prep_save(value, connection)
        return last[1]

    return convert


class Upsert:
    """Upserts into `model`'s table on the unique integer `key` column, setting `update` columns on
    conflict. `compare`: columns whose change (for rows that exist already) `write()` reports by key."""

    def __init__(self, model, columns, *, key, update, compare=()):
        self.table = model._meta.db_table
        self.fields = [model._meta.get_field(name) for name in columns]
        self.columns = [field.column for field in self.fields]
        self.key, self.update, self.compare = key, list(update), list(compare)
        self.stage = f"gar_stage_{self.table}"
        self._converter_list = None
        self._all_new_before = False  # the last PostgreSQL batch had no existing key

    def write(self, rows):
        """Upsert the rows (an iterable of tuples with unique keys, consumed once: on PostgreSQL a
        generator's rows are made while the COPY sends the ones before, so the server inserts while
        Python builds); return the keys of existing rows whose `compare` columns the batch changes (an
        empty set without `compare`)."""
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                return self._write_postgresql(cursor.cursor, rows)
            rows = list(rows)
            return self._write_other(cursor.cursor, rows) if rows else set()

    # --- PostgreSQL -------------------------------------------------------------------------------

    def _write_postgresql(self, raw, source):
        """New keys are COPYed straight into the table (PostgreSQL then inserts them in bulk, as the
        COPY reference does); only the rows whose key exists go through the staging table and the
        upsert, which inserts row by row. A first import of a region is thus all COPY.

        While the batches before found no existing key (a first import), the lookup is skipped and
        the whole batch COPYed as it is made. Should a key exist after all (a re-import, another
        import inserting the same keys meanwhile, a key repeated in a later batch of the file), the
        COPY fails as a whole (its savepoint is rolled back) and the whole batch takes the upsert path."""
        names = ", ".join(f'"{column}"' for column in self.columns)
        key_index = self.columns.index(self.key)
        if self._all_new_before:
            rows = []
            existing = set() if self._copied(raw, names, _recorded(source, rows)) else None
        else:
            rows = list(source)
            existing = self._existing_keys(raw, [row[key_index] for row in rows]) if rows else set()
            new = [row for row in rows if row[key_index] not in existing]
            if new and not self._copied(raw, names, new):
                existing = None
        # A hint for the next batch only: a wrong guess costs one COPY rolled back, never a row.
        self._all_new_before = existing == set()
        if existing is None or existing:
            return self._upsert_postgresql(raw, rows if existing is None else
                                           [row for row in rows if row[key_index] in existing], names)
        return set()

    def _copied(self, raw, names, rows):
        """COPY the rows into the table in a savepoint; False (and nothing written) if a key exists.
        A generator is read to its end either way."""
        try:
            with transaction.atomic(), raw.copy(f'COPY "{self.table}" ({names}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
            return True
        except psycopg.IntegrityError:  # the raw cursor's error, not Django's wrapper
            for _row in rows:
                pass
            return False

    def _existing_keys(self, raw, keys):
        raw.execute(f'SELECT "{self.key}" FROM "{self.table}" WHERE "{self.key}" = ANY(%s::bigint[])',
                    [integer_array(keys)])
        return {row[0] for row in raw.fetchall()}

    def _upsert_postgresql(self, raw, rows, names):
        # A temporary table lives as long as the connection; it is emptied before each batch.
        raw.execute(f'CREATE TEMP TABLE IF NOT EXISTS "{self.stage}" AS SELECT {names} FROM "{self.table}" '
                    'WITH NO DATA')
        raw.execute(f'TRUNCATE "{self.stage}"')
        with raw.copy(f'COPY "{self.stage}" ({names}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
        changed = set()
        if self.compare:
            differs = " OR ".join(f't."{column}" IS DISTINCT FROM s."{column}"' for column in self.compare)
            raw.execute(f'SELECT s."{self.key}" FROM "{self.stage}" s JOIN "{self.table}" t '
                        f'ON t."{self.key}" = s."{self.key}" WHERE {differs}')
            changed = {row[0] for row in raw.fetchall()}
        updates = ", ".join(f'"{column}" = EXCLUDED."{column}"' for column in self.update)
        raw.execute(f'INSERT INTO "{self.table}" ({names}) SELECT {names} FROM "{self.stage}" '
                    f'ON CONFLICT ("{self.key}") DO UPDATE SET {updates}')
        return changed

    # --- SQLite -----------------------------------------------------------------------------------

    def _write_other(self, raw, rows):
        rows = [self._prepared(row) for row in rows]
        changed = set()
        if self.compare:
            changed = self._changed_other(raw, rows)
        names = ", ".join(f'"{column}"' for column in self.columns)
        updates = ", ".join(f'"{column}" = excluded."{column}"' for column in self.update)
        raw.executemany(f'INSERT INTO "{self.table}" ({names}) VALUES ({", ".join("?" for _ in self.columns)}) '
                        f'ON CONFLICT ("{self.key}") DO UPDATE SET {updates}', rows)
        return changed

    def _prepared(self, row):
        """Values as Django stores them there (UUIDs as hex, datetimes as text)."""
        return tuple(value if convert is None or value is None else convert(value)
                     for convert, value in zip(self._converters(), row, strict=True))

    def _converters(self):
        """Per column: None where the driver takes the Python value as Django would store it (text,
        integers, booleans), else the field's get_db_prep_save. Calling it for every value was over
        half of a SQLite import (issue 18)."""
        if self._converter_list is None:
            self._converter_list = [_converter(field) for field in self.fields]
        return self._converter_list

    def _changed_other(self, raw, rows):
        key_index = self.columns.index(self.key)
        indexes = [self.columns.index(column) for column in self.compare]
        incoming = {row[key_index]: tuple(row[index] for index in indexes) for row in rows}
        keys, changed = list(incoming), set()
        selected = ", ".join(f'"{column}"' for column in [self.key, *self.compare])
        for start in range(0, len(keys), 500):  # under SQLite's limit of bound variables
            chunk = keys[start:start + 500]
            raw.execute(f'SELECT {selected} FROM "{self.table}" WHERE "{self.key}" IN '
                        f'({", ".join("?" for _ in chunk)})', chunk)
            changed.update(row[0] for row in raw.fetchall() if tuple(row[1:]) != incoming[row[0]])
        return changed


def _recorded(rows, record):
    """The rows, each appended to the list `record` as it passes."""
    for row in rows:
        record.append(row)
        yield row


def integer_array(keys):
    """The text of a PostgreSQL array of the integers `keys` ("{1,2,3}"), given as one parameter cast to
    bigint[]: psycopg's dumper of a list converts each int in Python, ~1 µs a key (issue 18)."""
    return "{" + ",".join(map(str, keys)) + "}"


def lookup(model, key, value, keys):
    """{key: value} of the rows whose integer `key` column is in `keys` (a batch's ids). On PostgreSQL
    the ids travel as one array parameter instead of one parameter each, and the statement stays out
    of Django's query log."""
    keys = list(keys)
    if connection.vendor not in ("postgresql", "sqlite"):
        return dict(model.objects.filter(**{f"{key}__in": keys}).values_list(key, value))
    table = model._meta.db_table
    key_column, value_column = model._meta.get_field(key).column, model._meta.get_field(value).column
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":  # chunks under its limit of bound variables, out of the query log
            found = {}
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                cursor.cursor.execute(f'SELECT "{key_column}", "{value_column}" FROM "{table}" '
                                      f'WHERE "{key_column}" IN ({", ".join("?" for _ in chunk)})', chunk)
                found.update(cursor.cursor.fetchall())
            return found
        cursor.cursor.execute(f'SELECT "{key_column}", "{value_column}" FROM "{table}" '
                              f'WHERE "{key_column}" = ANY(%s::bigint[])', [integer_array(keys)])
        return dict(cursor.cursor.fetchall())
