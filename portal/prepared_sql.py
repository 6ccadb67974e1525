"""A query's SQL as the ORM writes it, worked out once per process and then run with each request's values.

Building a queryset and compiling it to SQL costs the ORM more than PostgreSQL spends answering the
small queries of a hot page (the applicant list's three queries: ~3.4 M instructions of ORM work in a
24.8 M page, issue 18). `PreparedSQL.capture()` runs an ORM call once with *marker* values standing for
the request's (an id no row has, a text no form sends), stops it at the database cursor so nothing is
sent, and keeps Django's own SQL and parameters, noting where each marker went. `rows()` then sends
that SQL with the request's values in the markers' places: the same query the ORM would send for
those values, without the ORM's work. Only for queries whose columns need no ORM converter (plain
values: the rows are the cursor's). `PreparedQuery` is the variant for a queryset whose values need the
ORM's converters (a phone number, a date on SQLite) or that reads model instances.
"""

from django.db import connections
from django.db.models.query import get_related_populators


def id_markers(name, count):
    """{"<name>0": -1, "<name>1": -2, ...}: `count` markers for ids (no row has a negative id), for a
    query of a list of ids, captured once per length of the list."""
    return {f"{name}{index}": -1 - index for index in range(count)}


class _Stopped(Exception):
    """Raised at the cursor to stop the captured ORM call before anything is sent."""


class PreparedSQL:
    """The first SQL statement an ORM call sends, with the positions of its marker parameters."""

    def __init__(self, sql, params, markers, alias):
        self.sql, self.params, self.alias = sql, list(params), alias
        self.slots = []  # (position, name, str or None: how the value was adapted)
        for position, param in enumerate(self.params):
            for name, marker in markers.items():
                if type(param) is type(marker) and param == marker:
                    self.slots.append((position, name, None))
                elif isinstance(param, str) and param == str(marker):  # a date as SQLite's backend sends it
                    self.slots.append((position, name, str))
        missing = set(markers) - {name for _, name, _ in self.slots}
        if missing:  # changed on the way (e.g. `%marker%`): the SQL would not take other values there
            raise ValueError(f"markers not found as parameters: {sorted(missing)}")

    @classmethod
    def capture(cls, run, markers, alias="default"):
        """The SQL `run()` (an ORM call made with the values of `markers`, {name: marker}) would send
        first, without sending it. For reads only: a write stopped inside the ORM's atomic block
        would leave the transaction marked for rollback."""
        captured = []

        def stop(execute, sql, params, many, context):
            captured.append((sql, params or ()))
            raise _Stopped

        with connections[alias].execute_wrapper(stop):
            try:
                run()
            except _Stopped:
                pass
        if not captured:
            raise ValueError("the ORM call sent no query")
        sql, params = captured[0]
        return cls(sql, params, markers, alias)

    def rows(self, values):
        """The rows (tuples) for `values`, {name: value} for every marker."""
        params = list(self.params)
        for position, name, adapt in self.slots:
            params[position] = adapt(values[name]) if adapt else values[name]
        with connections[self.alias].cursor() as cursor:
            cursor.execute(self.sql, params)
            return cursor.fetchall()


class PreparedQuery(PreparedSQL):
    """A queryset's SQL compiled once, with what the ORM needs to read its rows back: its columns'
    converters and, for a queryset of model instances, where each model's fields are in the row
    (select_related included). `rows()` gives the values as the ORM reads them, `instances()` the
    model instances the queryset would give, without building or compiling the query again."""

    def __init__(self, queryset, markers):
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        super().__init__(sql, params, markers, queryset.db)
        self.select, self.klass_info, self.annotation_col_map = (
            compiler.select, compiler.klass_info, compiler.annotation_col_map)
        self._converters = list(compiler.get_converters([column[0] for column in compiler.select]).items())
        self._related = get_related_populators(self.klass_info, self.select, self.alias) if self.klass_info else []

    def rows(self, values):
        """[[value, ...], ...]: the rows for `values` as the ORM reads them (its converters applied)."""
        rows = [list(row) for row in super().rows(values)]
        connection = connections[self.alias]  # this thread's, as the converters expect
        for row in rows:
            for position, (converters, expression) in self._converters:
                for converter in converters:
                    row[position] = converter(row[position], expression, connection)
        return rows

    def instances(self, values):
        """[instance, ...] for `values`: what iterating the queryset gives (as Django's ModelIterable
        builds them: related instances of select_related cached, annotations set as attributes)."""
        fields = self.klass_info["select_fields"]
        start, stop = fields[0], fields[-1] + 1
        names = [column[0].target.attname for column in self.select[start:stop]]
        model = self.klass_info["model"]
        instances = []
        for row in self.rows(values):
            instance = model.from_db(self.alias, names, row[start:stop])
            for populator in self._related:
                populator.populate(row, instance)
            for name, position in (self.annotation_col_map or {}).items():
                setattr(instance, name, row[position])
            instances.append(instance)
        return instances
