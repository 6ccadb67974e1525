"""Searching the audit (changes and accesses together) by who acted and by whose data it was."""

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Q

PEOPLE_LIMIT = 500  # a search term matching more people than this is too vague to be useful


def people_matching(term):
    """Ids of users whose login, e-mail, phone, name, INN, OGRN(IP) or SNILS matches `term`."""
    term = term.strip()
    if not term:
        return []
    exact = (Q(username__iexact=term) | Q(email__iexact=term) | Q(phone=term) | Q(profile__inn=term)
             | Q(profile__ogrn=term) | Q(profile__ogrnip=term) | Q(profile__snils=term)
             | Q(profile__snils=term.replace("-", "").replace(" ", "")))
    named = Q(full_name__icontains=term) | Q(last_name__icontains=term) | Q(profile__last_name__icontains=term)
    users = get_user_model().objects.filter(exact | named).values_list("pk", flat=True).distinct()
    return list(users[:PEOPLE_LIMIT])


def audit_search(*, actor="", subject="", date_from=None, date_to=None, kind=""):
    """Audit rows, newest first: `actor` and `subject` are search terms for people (people_matching),
    `kind` is "" (all), "changes" or "access"."""
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    if actor:
        entries = entries.filter(Q(actor_id__in=people_matching(actor)) | Q(actor_email__iexact=actor.strip()))
    if subject:
        ids = people_matching(subject)
        user_type = ContentType.objects.get_for_model(get_user_model())
        entries = entries.filter(Q(additional_data__subject__in=ids) | Q(content_type=user_type, object_id__in=ids))
    if date_from:
        entries = entries.filter(timestamp__date__gte=date_from)
    if date_to:
        entries = entries.filter(timestamp__date__lte=date_to)
    if kind == "access":
        entries = entries.filter(action=LogEntry.Action.ACCESS)
    elif kind == "changes":
        entries = entries.exclude(action=LogEntry.Action.ACCESS)
    return entries


def purge_older_than(moment):
    """The retention period's end (audit.tasks): rows older than `moment` go. Returns how many.
    The only deletion the database lets through (audit/migrations/0003_append_only.py)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL audit.purge = 'on'")
        return LogEntry.objects.filter(timestamp__lt=moment).delete()[0]
