"""The worker's per-message UPDATEs, written as SQL once per process and run with a cursor (issue 18).

Every message costs the worker three conditional UPDATEs: its claim, its hand-over to the gateway and
its outcome. Built as querysets, the three cost the worker about 2 ms of Python a message (building and
compiling each query), more than the sending itself; the outbox ran at 0.3 of the rate of the same
rows sent directly. Here each statement's SQL is made once per database alias and set of columns, and
its values go through the model fields' own `get_db_prep_save`, so the row is written as the ORM would
write it (datetimes in the backend's format, the JSON context, ...).

The conditions are the ones of the querysets they replace (DESIGN.md "Notifications": the claim is a
conditional UPDATE, so a second worker does nothing; an outcome is written only for this attempt).
Each function returns the number of rows changed (0 or 1). Like `QuerySet.update`, none of them sends
signals; the caller holds the transaction.
"""

from functools import cache

from django.db import connections, transaction

from notifications.models import Notification, Status

_FIELDS = {field.attname: field for field in Notification._meta.concrete_fields}


def claim(*, pk, now, lease_until, using="default"):
    """Claim the queued, due row `pk` for an attempt: status sending, attempts + 1, last attempt
    `now`, leased until `lease_until`, not handed over. 1 if this call took it, else 0."""
    sql = _claim_sql(using)
    return _run(using, sql, [_value("status", Status.SENDING, using), _value("last_attempt_at", now, using),
                             _value("lease_until", lease_until, using), pk, _value("status", Status.QUEUED, using),
                             _value("next_attempt_at", now, using)])


def hand_over(*, pk, attempts, now, outcomes=(), using="default"):
    """Mark attempt `attempts` of the row being sent as handed to its gateway at `now`; 0 when the row
    is no longer this attempt's (taken back and claimed again) or already handed over.

    `outcomes` ([(pk, attempts, {attname: value}), ...], earlier rows' `finish`) are written first, in
    the same transaction. On PostgreSQL that is one statement (data-modifying WITH clauses, run
    exactly once whether or not the main UPDATE reads them): one round trip instead of four (BEGIN,
    the two UPDATEs, COMMIT), made for every message."""
    params = [_value("handed_over_at", now, using), pk, _value("status", Status.SENDING, using), attempts]
    if connections[using].vendor != "postgresql":
        with transaction.atomic(using=using):
            for outcome in outcomes:
                finish(*outcome, using=using)
            return _run(using, _hand_over_sql(using), params)
    outcome_sql, outcome_params = [], []
    for outcome_pk, outcome_attempts, fields in outcomes:
        outcome_sql.append(_finish_sql(using, tuple(fields)))
        outcome_params += _finish_params(outcome_pk, outcome_attempts, fields, using)
    clauses = ", ".join(f"outcome_{number} AS ({sql})" for number, sql in enumerate(outcome_sql))
    sql = f"WITH {clauses} {_hand_over_sql(using)}" if clauses else _hand_over_sql(using)
    return _run(using, sql, [*outcome_params, *params])


def finish(pk, attempts, fields, *, using="default"):
    """Write `fields` ({attname: value}) and end the lease of attempt `attempts` of the row being sent;
    0 when the row is no longer this attempt's (it was recovered and is another's now)."""
    return _run(using, _finish_sql(using, tuple(fields)), _finish_params(pk, attempts, fields, using))


def _finish_params(pk, attempts, fields, using):
    return [*(_value(name, value, using) for name, value in fields.items()), pk,
            _value("status", Status.SENDING, using), attempts]


def _run(using, sql, params):
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _value(attname, value, using):
    return _FIELDS[attname].get_db_prep_save(value, connections[using])


def _names(using):
    quote = connections[using].ops.quote_name
    return quote, quote(Notification._meta.db_table)


def _column(quote, attname):
    return quote(_FIELDS[attname].column)


@cache
def _claim_sql(using):
    quote, table = _names(using)
    status, attempts = _column(quote, "status"), _column(quote, "attempts")
    return (f"UPDATE {table} SET {status} = %s, {attempts} = {attempts} + 1, "
            f"{_column(quote, 'last_attempt_at')} = %s, {_column(quote, 'lease_until')} = %s, "
            f"{_column(quote, 'handed_over_at')} = NULL "
            f"WHERE {_column(quote, 'id')} = %s AND {status} = %s AND {_column(quote, 'next_attempt_at')} <= %s")


@cache
def _hand_over_sql(using):
    quote, table = _names(using)
    handed_over_at = _column(quote, "handed_over_at")
    return f"UPDATE {table} SET {handed_over_at} = %s WHERE {_this_attempt(quote)} AND {handed_over_at} IS NULL"


@cache
def _finish_sql(using, names):
    quote, table = _names(using)
    assignments = ", ".join(f"{_column(quote, name)} = %s" for name in names)
    return f"UPDATE {table} SET {assignments}, {_column(quote, 'lease_until')} = NULL WHERE {_this_attempt(quote)}"


def _this_attempt(quote):
    return f"{_column(quote, 'id')} = %s AND {_column(quote, 'status')} = %s AND {_column(quote, 'attempts')} = %s"
