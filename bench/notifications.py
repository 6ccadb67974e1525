"""Benchmark of the notification outbox, end to end.

Run from the repository root:  .venv/bin/python bench/notifications.py

It builds a throwaway database (a temporary SQLite file, or exactly the PostgreSQL database named
by BENCH_DATABASE_URL, which must start with "bench" and must not exist unless a benchmark made it),
starts a local SMTP server and a local SMS.ru stand-in, each in a process of its own (so that their
work does not share this process's GIL with the committing loop being measured; the direct reference
below sends to the same processes), and a real Celery worker subprocess (prefork, concurrency 2) on
real Redis: a private redis-server on a free port, or the database of REDIS_URL if set (emptied
before and after: another benchmark's database there would be lost). It then commits 1,000 events
in 1,000 transactions, each queueing one e-mail and one SMS, and waits until all 2,000 messages are
sent. It prints the throughput, its ratio to the same rows sent directly to the same
stand-ins (target >= 0.6), and how many messages were lost or duplicated at the receiving servers;
both must be 0, otherwise (or if the ratio is missed) the exit status is 1.

A transaction publishes one task carrying its rows' ids, unless another transaction's task is still
waiting for a worker: that one sends every due row once started (notifications.sweep_token).
`--batch-size N` sets NOTIFICATIONS_BATCH_SIZE (default: the setting's default, 10); 0 measures the
outbox with a task per transaction sending only its own rows, without issue 18's batches.
"""

import argparse
import os
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[0] = str(ROOT)  # not bench/: this file's own name would shadow the notifications app

from notifications.testing import wait_until  # noqa: E402
from notifications.testing.processes import CeleryWorker, RedisServer, flush_redis, redis_is_up  # noqa: E402
from notifications.testing.remote import RemoteStandIn  # noqa: E402
from notifications.testing.smsru import SmsRuStandIn  # noqa: E402
from notifications.testing.smtp import SmtpSink  # noqa: E402

EVENTS = 1000
MESSAGES_PER_EVENT = 2
DELIVERY_TIMEOUT_SECONDS = 300
TARGET_RATIO = 0.6  # of the direct rate (issue 18)


def main():
    options = parse_arguments()
    with ExitStack() as stack:
        redis_url = stack.enter_context(redis_for_bench())
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-notifications-")))
        database_url = stack.enter_context(throwaway_database(workdir))
        smtp = RemoteStandIn(SmtpSink).start()
        stack.callback(smtp.stop)
        gateway = RemoteStandIn(SmsRuStandIn).start()
        stack.callback(gateway.stop)
        env = bench_environment(database_url, redis_url, smtp, gateway, options.batch_size)
        os.environ.update(env)
        prepare_django(database_url)
        flush_redis(redis_url)
        stack.callback(flush_redis, redis_url)
        worker = CeleryWorker(env=env, log_path=workdir / "worker.log", pool="prefork", concurrency=2,
                              name="notifications-bench")
        worker.start()
        stack.callback(worker.stop)
        figures = measure(smtp, gateway, worker)
        worker.stop()  # the reference runs alone
        figures["direct_rate"] = direct_rate(figures.pop("rows"))
        stack.callback(close_django_connections)
    return report(figures, database_url, redis_url, options.batch_size)


def parse_arguments():
    parser = argparse.ArgumentParser(description="Notification outbox benchmark (issue 18).")
    parser.add_argument("--batch-size", type=int, default=None,
                        help="the worker's NOTIFICATIONS_BATCH_SIZE (default: the setting's default; 0: off)")
    return parser.parse_args()


def bench_environment(database_url, redis_url, smtp, gateway, batch_size=None):
    batch = {} if batch_size is None else {"NOTIFICATIONS_BATCH_SIZE": str(batch_size)}
    return {
        **batch,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "EMAIL_URL": smtp.url,
        "SMS_BACKEND": "smsru",
        "SMS_RU_URL": gateway.url,
        "SMS_RU_API_ID": "bench",
        "SMS_RU_TEST": "false",
        "LOG_LEVEL": "WARNING",
    }


@contextmanager
def redis_for_bench():
    """REDIS_URL if set (it must answer), else a private redis-server for this run: the shared
    server's databases are other benchmarks' caches, emptied when those start (bench/applications.py)."""
    redis_url = os.environ.get("REDIS_URL")
    if redis_url:
        if not redis_is_up(redis_url):
            sys.exit(f"Redis is not reachable at {redis_url}; start it or unset REDIS_URL.")
        yield redis_url
        return
    server = RedisServer().start()
    try:
        yield server.url
    finally:
        server.stop()


@contextmanager
def throwaway_database(workdir):
    """A temporary SQLite file, or exactly the PostgreSQL database of BENCH_DATABASE_URL (its name
    starting with "bench"), created here and dropped afterwards; bench/benchdb.py refuses a database
    of that name that a benchmark did not create."""
    server_url = os.environ.get("BENCH_DATABASE_URL")
    if not server_url:
        yield f"sqlite:///{workdir / 'bench.sqlite3'}"
        return
    from bench import benchdb

    database_url = benchdb.checked_url(server_url)
    benchdb.create(database_url)
    try:
        yield database_url
    finally:
        close_django_connections()
        benchdb.drop(database_url)


def prepare_django(database_url):
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    call_command("migrate", verbosity=0)
    if database_url.startswith("sqlite"):
        # Readers do not block the writer in WAL mode; the worker's two processes and this one share
        # the file. The setting stays with the (throwaway) file.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")


def close_django_connections():
    from django.db import connections

    connections.close_all()


def measure(smtp, gateway, worker):
    from notifications.models import Notification, Status

    started = time.monotonic()
    expected_emails, expected_sms, rows, slowest_commit = commit_events()
    committed = time.monotonic()
    sent_at_commit_end = Notification.objects.filter(status=Status.SENT).count()
    total = len(expected_emails) + len(expected_sms)

    def all_settled():
        if not worker.is_running():
            raise SystemExit(f"The worker died:\n{worker.log()[-3000:]}")
        return Notification.objects.filter(status__in=[Status.SENT, Status.FAILED]).count() == total

    try:
        wait_until(all_settled, timeout=DELIVERY_TIMEOUT_SECONDS, interval=0.1, message="all messages")
        timed_out = False
    except AssertionError:
        timed_out = True
    finished = time.monotonic()
    return {
        "messages": total,
        "elapsed": finished - started,
        "commit_phase": committed - started,
        "sent_at_commit_end": sent_at_commit_end,
        "slowest_commit": slowest_commit,
        "sent_rows": Notification.objects.filter(status=Status.SENT).count(),
        "timed_out": timed_out,
        "rows": rows,
        **count_receipts(smtp, gateway, expected_emails, expected_sms),
    }


def direct_rate(rows):
    """Messages per second of the same rows sent straight to the same stand-ins by this process, with
    the same client code (Django's SMTP backend over one connection, the SMS.ru client): the ceiling
    the outbox is compared with. Run after the outbox's receipts are counted.

    `rows` are the instances queue_email and queue_sms returned, with their text: the stored rows'
    text is blanked once sent (notifications.delivery.BLANKED), and empty messages would make the
    reference faster than any real one (until issue 18's fourth round it sent those: 700-810 msg/s)."""
    from django.core.mail import get_connection

    from notifications.mailer import build_message
    from notifications.models import Channel
    from notifications.sms import get_sms_backend

    emails = [build_message(row) for row in rows if row.channel == Channel.EMAIL]
    texts = [(row.recipient, row.body) for row in rows if row.channel != Channel.EMAIL]
    started = time.monotonic()
    with get_connection(fail_silently=False) as connection:
        connection.send_messages(emails)
    sms = get_sms_backend()
    for recipient, body in texts:
        sms.send(recipient, body)
    return len(rows) / (time.monotonic() - started)


def commit_events():
    from django.db import transaction

    from notifications.services import queue_email, queue_sms

    emails, texts, rows, slowest = set(), set(), [], 0.0
    for number in range(1, EVENTS + 1):
        context = {"object_label": f"Заявка № 2026-{number:06d}", "status_label": "Принята",
                   "url": f"https://portal.example/applications/{number}/"}
        started = time.monotonic()
        with transaction.atomic():
            email = queue_email(to=f"user{number}@example.ru", template="status_changed", context=context)
            sms = queue_sms(to=f"+7916{number:07d}", template="status_changed", context=context)
        slowest = max(slowest, time.monotonic() - started)  # commit plus publishing both tasks
        emails.add(email.pk)
        texts.add((sms.recipient.lstrip("+"), sms.body))
        rows += [email, sms]
    return emails, texts, rows, slowest


def count_receipts(smtp, gateway, expected_emails, expected_sms):
    received_emails = smtp.notification_ids()
    received_sms = gateway.delivered()
    distinct = len(set(received_emails) & expected_emails) + len(set(received_sms) & expected_sms)
    return {
        "received": len(received_emails) + len(received_sms),
        "lost": len(expected_emails) + len(expected_sms) - distinct,
        "duplicated": len(received_emails) - len(set(received_emails))
        + len(received_sms) - len(set(received_sms)),
    }


def report(figures, database_url, redis_url, batch_size):
    from django.conf import settings

    batch = settings.NOTIFICATIONS_BATCH_SIZE if batch_size is None else batch_size
    database = "PostgreSQL" if database_url.startswith("postgres") else "SQLite (temporary file, WAL)"
    print("Notification outbox benchmark")
    print(f"  {EVENTS} events in {EVENTS} transactions, each queueing 1 e-mail + 1 SMS; delivered by a")
    print(f"  Celery worker subprocess (prefork, concurrency 2) via {redis_url} to a local SMTP server")
    print(f"  and a local SMS.ru stand-in, each in its own process. Database: {database}.")
    print(f"  NOTIFICATIONS_BATCH_SIZE={batch}: " + (
        f"after its transaction's messages a task sends further due ones of their channels, {batch} claimed "
        "at a time" if batch else "a task sends its transaction's messages only"))
    print("  Elapsed = first commit until every row is sent.")
    print(f"messages:            {figures['messages']}")
    print(f"elapsed seconds:     {figures['elapsed']:.2f}")
    rate = figures["messages"] / figures["elapsed"]
    print(f"messages per second: {rate:.1f}")
    print(f"direct, same stand-ins: {figures['direct_rate']:.1f} messages/s (one process, one SMTP connection)")
    print(f"ratio to direct:     {rate / figures['direct_rate']:.2f} (target >= {TARGET_RATIO})")
    print(f"commit phase:        {figures['commit_phase']:.2f} s "
          f"(slowest event {figures['slowest_commit'] * 1000:.1f} ms)")
    print(f"sent during commits: {figures['sent_at_commit_end']}")
    print(f"rows sent:           {figures['sent_rows']}")
    print(f"received:            {figures['received']}")
    print(f"lost:                {figures['lost']}")
    print(f"duplicated:          {figures['duplicated']}")
    ok = not figures["timed_out"] and figures["lost"] == 0 and figures["duplicated"] == 0
    ok = ok and rate / figures["direct_rate"] >= TARGET_RATIO
    if figures["timed_out"]:
        print(f"TIMED OUT after {DELIVERY_TIMEOUT_SECONDS} s")
    print("result:              " + ("OK" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
