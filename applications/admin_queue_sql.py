"""The staff queue's two queries (the count and the page's rows) compiled once per process, then sent
as the ORM sends them (issue 18).

Django's ChangeList builds the queue's queryset on every visit (its filters, the staff member's
branches, the sort) and compiles it to SQL twice, for `paginator.count` and for the page's rows:
that was ~3 M instructions of the queue's 31 M. The
queryset is still built here (it checks the query string and gives the filters' state), but its
SQL is kept per process under what makes it: the query string, the branches whose rows the user
sees (applications.querysets.staff_branches, the only user-dependent part of
ApplicationAdmin.get_queryset), the day (the overdue filter compares with it) and the database.
Only query strings made of the parameters in KEPT_PARAMETERS are kept: each of them changes the
queryset by its value alone. Any other (a search, the "soon" deadline, which reads the production
calendar, a popup) takes Django's own path. Only the SQL is kept, never rows: every visit reads
the rows again, with the same two statements Django would send, into the same instances
(portal.prepared_sql: PreparedSQL for the count, PreparedQuery for the rows).
"""

from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import EmptyResultSet
from django.core.paginator import InvalidPage
from django.db.models.query import ModelIterable
from django.utils import timezone

from portal.kept import remembered
from portal.prepared_sql import PreparedQuery, PreparedSQL

# {parameter: None (any value) or the values kept}: filters on the row's own columns, the branch
# filter (within the user's branches, which for_staff applies anyway), the deadline filter's
# "overdue" (today, part of the key), the sort, the page and "show all".
KEPT_PARAMETERS = {"status__exact": None, "kind__exact": None, "supply_type__exact": None,
                   "branch__id__exact": None, "deadline": {"overdue"}, "o": None, "p": None, "all": None}
_MAX_KEPT = 512
_kept = {}


def kept_results(cl, request, branches):
    """Do what ChangeList.get_results does for the queue's changelist `cl` (the count, the page's
    rows as instances, the paging flags) with the kept SQL, and return True; or return False, having
    done nothing, for a list whose SQL is not kept. `branches`: staff_branches(request.user), a list
    of ids or None for all branches."""
    key = _key(cl, request, branches)
    if key is None:
        return False
    try:
        count_sql = remembered(_kept, ("count", key),
                               lambda: PreparedSQL.capture(cl.queryset.count, {}, cl.queryset.db), _MAX_KEPT)
    except ValueError:  # Django answers without a query (e.g. a branch id past bigint): its own path
        return False
    result_count = count_sql.rows({})[0][0]
    paginator = cl.model_admin.get_paginator(request, cl.queryset, cl.list_per_page)
    paginator.count = result_count  # what its cached property would read with the same statement
    can_show_all = result_count <= cl.list_max_show_all
    multi_page = result_count > cl.list_per_page
    # From here as in ChangeList.get_results (Django 5.2), without a full count (checked in _key).
    if (cl.show_all and can_show_all) or not multi_page:
        result_list = cl.queryset._clone()
    else:
        try:
            result_list = paginator.page(cl.page_num).object_list
        except InvalidPage:
            raise IncorrectLookupParameters from None
    page = (result_list.query.low_mark, result_list.query.high_mark)
    try:
        rows = remembered(_kept, ("rows", key, page), lambda: PreparedQuery(result_list, {}), _MAX_KEPT)
    except EmptyResultSet:  # no query to keep (Django's compiler found no row possible): Django's path
        return False
    result_list._result_cache = rows.instances({})
    cl.result_count, cl.full_result_count, cl.show_full_result_count = result_count, None, False
    cl.show_admin_actions = True  # Django's rule when rows are not counted in full
    cl.result_list, cl.can_show_all, cl.multi_page, cl.paginator = result_list, can_show_all, multi_page, paginator
    return True


def _key(cl, request, branches):
    queryset = cl.queryset
    if (request.method != "GET" or cl.model_admin.show_full_result_count or branches == [] or queryset.query.is_empty()
            or queryset._iterable_class is not ModelIterable or queryset._prefetch_related_lookups
            or queryset._known_related_objects or queryset.query.annotation_select):
        return None  # none() or an empty branch list sends no query at all: Django's path
    parameters = tuple(sorted((name, tuple(values)) for name, values in request.GET.lists()))
    for name, values in parameters:
        if name not in KEPT_PARAMETERS or (KEPT_PARAMETERS[name] and not set(values) <= KEPT_PARAMETERS[name]):
            return None
    scope = None if branches is None else tuple(branches)
    return (cl.model._meta.label, queryset.db, parameters, scope, timezone.localdate())

