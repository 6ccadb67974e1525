"""The queries every logged-in request makes about its user, compiled to SQL once per process.

Every page reads the user, the names of its groups (the menu, the MFA rule, the dashboard panels) and,
on staff pages, its branches and permissions. Read with querysets, the three to five small queries
cost more in the ORM (building and compiling each query) than in PostgreSQL. Here the user comes with
its groups and branches in one query (PostgreSQL arrays), the permissions in one UNION, and both
querysets are compiled once and then run with the request's user id (issue 18). The SQL is Django's
own for the querysets below, and its converters are applied to the row, so the instances are the
ones the ORM would build.
"""

import functools

from django.contrib.auth.models import Group, Permission
from django.db import connections
from django.db.models import OuterRef

from accounts.models import User
from portal.models import Branch

# Compiled with this id, run with the request's: no user has it (ids start at 1).
_PLACEHOLDER_ID = -1


class CompiledQuery:
    """A queryset's SQL and converters, made once; `rows(user_id)` runs it with `user_id` in place of
    every parameter that was the placeholder id. Raises ValueError if a parameter is anything else
    (then the SQL would not be the queryset's for another user)."""

    def __init__(self, queryset, alias):
        compiler = queryset.query.get_compiler(using=alias)
        self.sql, params = compiler.as_sql()
        if any(param != _PLACEHOLDER_ID for param in params):
            raise ValueError(f"only the user id may be a parameter, not {params!r}")
        self.parameter_count, self.alias = len(params), alias
        self.select, self.klass_info, self.annotation_col_map = (
            compiler.select, compiler.klass_info, compiler.annotation_col_map)
        self.converters = list(compiler.get_converters([column[0] for column in compiler.select]).items())

    def rows(self, user_id):
        """[[value, ...], ...]: the rows as the ORM would read them (its converters applied)."""
        connection = connections[self.alias]  # this thread's, as the converters expect
        with connection.cursor() as cursor:
            cursor.execute(self.sql, [user_id] * self.parameter_count)
            rows = [list(row) for row in cursor.fetchall()]
        for row in rows:
            for position, (converters, expression) in self.converters:
                for converter in converters:
                    row[position] = converter(row[position], expression, connection)
        return rows


@functools.cache
def _user_query(alias):
    from django.contrib.postgres.expressions import ArraySubquery

    users = User._default_manager.db_manager(alias).annotate(
        loaded_group_names=ArraySubquery(Group.objects.filter(user=OuterRef("pk")).values("name")),
        loaded_branch_ids=ArraySubquery(Branch.staff.through.objects.filter(user_id=OuterRef("pk"))
                                        .values("branch_id")),
    ).filter(pk=_PLACEHOLDER_ID)
    query = CompiledQuery(users, alias)
    columns = query.klass_info["select_fields"]
    fields = [query.select[index][0].target.attname for index in columns]
    positions = query.annotation_col_map
    return query, columns, fields, positions["loaded_group_names"], positions["loaded_branch_ids"]


def load_user(user_id, alias="default"):
    """(user, frozenset of its groups' names, list of its branches' ids) for the user `user_id`, or
    None if there is none; PostgreSQL only (the arrays)."""
    query, columns, fields, groups_at, branches_at = _user_query(alias)
    rows = query.rows(user_id)
    if not rows:
        return None
    row = rows[0]
    user = User.from_db(alias, fields, [row[index] for index in columns])
    return user, frozenset(row[groups_at]), list(row[branches_at])


@functools.cache
def _permissions_query(alias):
    columns = ("content_type__app_label", "codename")
    # No ORDER BY (Permission's default ordering): SQLite refuses it inside a UNION.
    own = Permission.objects.using(alias).filter(user=_PLACEHOLDER_ID).order_by().values_list(*columns)
    via_groups = (Permission.objects.using(alias).filter(group__user=_PLACEHOLDER_ID).order_by()
                  .values_list(*columns))
    return CompiledQuery(own.union(via_groups), alias)


def permission_names(user_id, alias="default"):
    """{"app_label.codename", ...}: the user's own permissions and its groups', in one query."""
    return {f"{app_label}.{codename}" for app_label, codename in _permissions_query(alias).rows(user_id)}
