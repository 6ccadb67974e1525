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
from django.db.models import OuterRef

from accounts.models import User
from portal.models import Branch
from portal.prepared_sql import PreparedQuery

# Compiled with this id, run with the request's: no user has it (ids start at 1).
_PLACEHOLDER_ID = -1
_MARKERS = {"user": _PLACEHOLDER_ID}


@functools.cache
def _user_query(alias):
    from django.contrib.postgres.expressions import ArraySubquery

    users = User._default_manager.db_manager(alias).annotate(
        loaded_group_names=ArraySubquery(Group.objects.filter(user=OuterRef("pk")).values("name")),
        loaded_branch_ids=ArraySubquery(Branch.staff.through.objects.filter(user_id=OuterRef("pk"))
                                        .values("branch_id")),
    ).filter(pk=_PLACEHOLDER_ID)
    query = PreparedQuery(users, _MARKERS)
    columns = query.klass_info["select_fields"]
    fields = [query.select[index][0].target.attname for index in columns]
    positions = query.annotation_col_map
    return query, columns, fields, positions["loaded_group_names"], positions["loaded_branch_ids"]


def load_user(user_id, alias="default"):
    """(user, frozenset of its groups' names, list of its branches' ids) for the user `user_id`, or
    None if there is none; PostgreSQL only (the arrays)."""
    query, columns, fields, groups_at, branches_at = _user_query(alias)
    rows = query.rows({"user": user_id})
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
    return PreparedQuery(own.union(via_groups), _MARKERS)


def permission_names(user_id, alias="default"):
    """{"app_label.codename", ...}: the user's own permissions and its groups', in one query."""
    return {f"{app_label}.{codename}" for app_label, codename in _permissions_query(alias).rows({"user": user_id})}
