"""SQLite (development, the benchmarks' default): a transaction that reads and then writes while a
worker commits waits for its turn instead of failing with "database is locked" (portal.env's
SQLITE_OPTIONS: transaction_mode IMMEDIATE). Found by bench/faults.py: a login (read the lock
counter, then delete it) failed with a 500 while the outbox worker committed a hand-over."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from portal import env
from portal.models import Branch


def test_sqlite_databases_begin_their_transactions_immediate():
    assert env.parse_database_url("sqlite:////tmp/x.sqlite3")["OPTIONS"] == {
        "timeout": 20, "transaction_mode": "IMMEDIATE"}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's locking (PostgreSQL has row locks)")
@pytest.mark.django_db(transaction=True)
def test_a_transaction_that_reads_then_writes_waits_for_another_writer_instead_of_failing():
    read_done, errors = threading.Event(), []

    def other_writer():
        read_done.wait(5)
        try:
            with transaction.atomic():
                Branch.objects.create(name="Другой", city="Другой", slug="other")
        except Exception as error:  # what a deferred transaction would raise in the main thread instead
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_writer)
    thread.start()
    with transaction.atomic():
        Branch.objects.filter(slug="mine").exists()  # the read: a deferred transaction's snapshot
        read_done.set()
        time.sleep(0.3)  # the other writer commits meanwhile, if it can
        Branch.objects.create(name="Свой", city="Свой", slug="mine")
    thread.join()

    assert errors == []
    assert set(Branch.objects.values_list("slug", flat=True)) >= {"mine", "other"}
