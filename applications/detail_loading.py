"""The applicant's application pages read their application with SQL the ORM wrote once per process.

Every applicant page of one application (the page itself, its history row in the list, the receipt,
signing, files) first reads the application, with the access rule of
`ApplicationQuerySet.for_applicant`: someone else's application does not exist (404). Built and
compiled per request, that query and the page's documents cost the ORM ~2.6 ms of a ~8 ms page,
three times what PostgreSQL spends answering them (issue 18). Here both querysets are compiled once
(portal.prepared_sql.PreparedQuery) and their instances are the ones the ORM would build.
"""

import functools

from django.db import connection
from django.http import Http404

from accounts.models import User
from applications.models import Application, ApplicationDocument
from portal.prepared_sql import PreparedQuery

# What stands for the request's values while the SQL is compiled: no user or application has them.
_MARKERS = {"applicant": -987654321, "pk": -987654322}


@functools.cache
def _application_query():
    # The rule is the queryset's own, given a user that has the marker for its id.
    queryset = Application.objects.for_applicant(User(pk=_MARKERS["applicant"])).select_related("branch")
    return PreparedQuery(queryset.filter(pk=_MARKERS["pk"]), _MARKERS)


@functools.cache
def _documents_query():
    # The queryset `application.documents.all()` runs, as prefetch_related("documents") reads it.
    return PreparedQuery(Application(pk=_MARKERS["pk"]).documents.all(), {"pk": _MARKERS["pk"]})


def applicant_application(user, pk, *, documents=False):
    """`user`'s application `pk` (int) with its branch loaded, as
    `Application.objects.for_applicant(user).select_related("branch").get(pk=pk)`, and, if
    `documents`, its documents prefetched as `prefetch_related("documents")` does. Raises Http404
    if `user` is not logged in or has no application `pk`."""
    if not user.is_authenticated or not _in_pk_range(pk):
        raise Http404("No application matches the given query.")
    found = _application_query().instances({"applicant": user.pk, "pk": pk})
    if not found:
        raise Http404("No application matches the given query.")
    application = found[0]
    if documents:
        _prefetch_documents(application)
    return application


def _in_pk_range(pk):
    """Whether the database's primary key column can hold `pk`: beyond it the ORM answers "no row"
    without asking, and SQLite refuses the value (a 500), so the page is a 404 here too."""
    low, high = connection.ops.integer_field_range(Application._meta.pk.get_internal_type())
    return low <= pk <= high


def _prefetch_documents(application):
    """Fill the cache `application.documents.all()` answers from, as prefetch_related() does (Django's
    prefetch_one_level): each document's `application` is this one, and the manager's queryset holds
    the rows."""
    rows = _documents_query().instances({"pk": application.pk})
    link = ApplicationDocument._meta.get_field("application")
    for document in rows:
        link.set_cached_value(document, application)
    queryset = application.documents.get_queryset()  # builds a filter, reads nothing
    queryset._result_cache, queryset._prefetch_done = rows, True
    application._prefetched_objects_cache = {link.remote_field.cache_name: queryset}
