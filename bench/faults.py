"""Fault benchmark: the outbox and the request path while Redis is stopped and a worker is killed.

Run from the repository root:  .venv/bin/python bench/faults.py      (or `make bench-faults`)

A throwaway database (SQLite, or PostgreSQL `bench_notifications` on BENCH_DATABASE_URL's server), a
private redis-server on a free port (broker and cache, as in production), a local SMTP server, a
local SMS.ru stand-in and a real Celery worker (prefork, concurrency 2). 1,000 events each queue an
e-mail and an SMS (2,000 notifications): the first half with Redis up while the worker is killed with
SIGKILL mid-delivery; then Redis is stopped for BENCH_OUTAGE_SECONDS (60) while the other half is
committed and a logged-in user and an anonymous login keep making requests; then Redis comes back
and the worker is killed once more. The periodic re-queue (beat's task) runs every 5 s throughout.

Prints delivered, lost, duplicated (targets 0 lost, 0 duplicated; a message whose worker died
during its gateway call is set aside, never sent twice: it counts as lost only if it never arrived)
and the longest page request during the outage (target under 1 s); the longest login is printed
beside a login's time with Redis up (PBKDF2 alone takes a good part of a second on a busy machine).
Exit status 1 if a target is missed.
"""

import importlib.util
import os
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[0] = str(ROOT)

from notifications.testing import wait_until  # noqa: E402
from notifications.testing.processes import CeleryWorker, RedisServer  # noqa: E402
from notifications.testing.smsru import SmsRuStandIn  # noqa: E402
from notifications.testing.smtp import SmtpSink  # noqa: E402

EVENTS = 1000
OUTAGE_SECONDS = int(os.environ.get("BENCH_OUTAGE_SECONDS", "60"))
SETTLE_TIMEOUT_SECONDS = 900
REQUEST_TARGET_SECONDS = 1.0


def _notifications_bench():
    """bench/notifications.py's database and receipt helpers (a script, not a package)."""
    spec = importlib.util.spec_from_file_location("bench_notifications", ROOT / "bench" / "notifications.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    helpers = _notifications_bench()
    helpers.PG_DATABASE = "bench_faults"  # not the notifications benchmark's database
    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-faults-")))
        database_url = stack.enter_context(helpers.throwaway_database(workdir))
        redis = RedisServer().start()
        stack.callback(redis.stop)
        smtp, gateway = SmtpSink().start(), SmsRuStandIn().start()
        stack.callback(smtp.stop)
        stack.callback(gateway.stop)
        env = {**helpers.bench_environment(database_url, redis.url, smtp, gateway),
               "NOTIFICATIONS_LEASE_SECONDS": "5", "NOTIFICATIONS_REQUEUE_AFTER_SECONDS": "10",
               "REDIS_RETRY_SECONDS": "2", "PAGE_CACHE_ENABLED": "true", "LOG_LEVEL": "ERROR"}
        os.environ.update(env)
        helpers.prepare_django(database_url)
        stack.callback(helpers.close_django_connections)
        workers = Workers(env, workdir)
        stack.callback(workers.stop)
        requeue = Requeue()
        stack.callback(requeue.stop)
        figures = run(redis, workers, requeue, helpers, smtp, gateway)
    return report(figures)


class Workers:
    def __init__(self, env, workdir):
        self.env, self.workdir, self.count, self.current = env, workdir, 0, None

    def start(self):
        self.count += 1
        self.current = CeleryWorker(env=self.env, log_path=self.workdir / f"worker-{self.count}.log",
                                    pool="prefork", concurrency=2, name=f"faults-bench-{self.count}")
        self.current.start(timeout=60)

    def kill_and_restart(self):
        self.current.kill()
        self.start()

    def stop(self):
        if self.current is not None:
            self.current.stop()


class Requeue(threading.Thread):
    """What Celery beat does every 30 s in production, every 5 s here."""

    def __init__(self):
        super().__init__(daemon=True)
        self._stop_event = threading.Event()
        self.start()

    def run(self):
        from django.db import connection

        from notifications.services import notifications_requeue_unsent

        while not self._stop_event.wait(5):
            try:
                notifications_requeue_unsent()
            except Exception as error:  # the database is fine; a broker error is retried next round
                print(f"  re-queue round failed: {type(error).__name__}", file=sys.stderr)
        connection.close()

    def stop(self):
        self._stop_event.set()
        self.join(timeout=30)


def run(redis, workers, requeue, helpers, smtp, gateway):
    from django.db.models import Count

    from notifications.models import Notification, Status

    user_client, login_client, password = clients()
    login_before = max(timed_login(login_client, password) for _ in range(3))  # PBKDF2's own cost
    workers.start()
    first = commit_events(1, EVENTS // 2)
    time.sleep(1.5)
    workers.kill_and_restart()  # kill 1: messages in flight
    print(f"  worker killed; stopping Redis for {OUTAGE_SECONDS} s", file=sys.stderr)
    redis.stop()
    outage_started = time.monotonic()
    second, slowest_page, slowest_login = set(), 0.0, 0.0
    number = EVENTS // 2 + 1
    while time.monotonic() - outage_started < OUTAGE_SECONDS:
        if number <= EVENTS:
            second |= commit_events(number, min(number + 49, EVENTS))
            number += 50
        slowest_page = max(slowest_page, timed(user_client.get, "/applications/"), timed(user_client.get, "/appeals/"))
        slowest_login = max(slowest_login, timed_login(login_client, password))
        time.sleep(0.2)
    if number <= EVENTS:
        second |= commit_events(number, EVENTS)
    redis.start()
    print("  Redis is back; killing the worker once more", file=sys.stderr)
    time.sleep(3)
    workers.kill_and_restart()  # kill 2: the backlog in flight
    total = 2 * EVENTS
    ours = Notification.objects.filter(template="status_changed")  # not the logins' confirmation letters
    try:
        wait_until(lambda: ours.filter(status__in=[Status.SENT, Status.FAILED]).count() == total,
                   timeout=SETTLE_TIMEOUT_SECONDS, interval=0.5, message="every notification to settle")
    except AssertionError:
        counts = dict(ours.values_list("status").annotate(n=Count("pk")))
        print(f"  TIMED OUT after {SETTLE_TIMEOUT_SECONDS} s: {counts}", file=sys.stderr)
    emails = {pk for pk, _text in first | second if isinstance(pk, int)}
    texts = {item for item in first | second if not isinstance(item[0], int)}
    return {"notifications": total, "outage_page_seconds": slowest_page, "outage_login_seconds": slowest_login,
            "login_before_seconds": login_before,
            "set_aside": ours.filter(status=Status.FAILED).count(),
            **helpers.count_receipts(smtp, gateway, emails, {text for text in texts})}


def clients():
    from django.test import Client

    from accounts.models import User

    password = "Bench-Faults-2026"
    user = User.objects.create_user("bench", "bench@example.ru", password)
    user_client = Client()
    user_client.force_login(user)
    user_client.get("/applications/")  # the CSRF cookie and a cached page, as a browser would have
    return user_client, Client(), password


def commit_events(first, last):
    """Events `first`..`last`; returns {(email pk, None)} | {(number, text)} as the receivers count them."""
    from django.db import transaction

    from notifications.services import queue_email, queue_sms

    expected = set()
    for number in range(first, last + 1):
        context = {"object_label": f"Заявка № 2026-{number:06d}", "status_label": "Принята",
                   "url": f"https://portal.example/applications/{number}/"}
        with transaction.atomic():
            email = queue_email(to=f"user{number}@example.ru", template="status_changed", context=context)
            sms = queue_sms(to=f"+7916{number:07d}", template="status_changed", context=context)
        expected.add((email.pk, None))
        expected.add((sms.recipient.lstrip("+"), sms.body))
    return expected


def timed_login(client, password):
    seconds = timed(client.post, "/accounts/login/", {"login": "bench", "password": password})
    client.logout()
    return seconds


def timed(call, *args):
    started = time.monotonic()
    response = call(*args)
    if response.status_code >= 500:
        raise SystemExit(f"{args[0]} answered {response.status_code} during the outage")
    return time.monotonic() - started


def report(figures):
    print("Fault benchmark: Redis stopped, worker killed twice")
    print(f"  {EVENTS} events (1 e-mail + 1 SMS each); Redis down for {OUTAGE_SECONDS} s while half were")
    print("  committed and pages and logins were requested; worker killed with SIGKILL twice.")
    print(f"notifications:                {figures['notifications']}")
    print(f"delivered (distinct):         {figures['notifications'] - figures['lost']}")
    print(f"lost:                         {figures['lost']}")
    print(f"duplicated:                   {figures['duplicated']}")
    print(f"set aside (may have gone out): {figures['set_aside']}")
    print(f"longest page in outage:       {figures['outage_page_seconds'] * 1000:.0f} ms")
    print(f"longest login in outage:      {figures['outage_login_seconds'] * 1000:.0f} ms "
          f"(before the outage: {figures['login_before_seconds'] * 1000:.0f} ms, mostly the password hash)")
    ok = (figures["lost"] == 0 and figures["duplicated"] == 0
          and figures["outage_page_seconds"] < REQUEST_TARGET_SECONDS)
    print("result:                       " + ("OK" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
