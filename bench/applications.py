"""Benchmark of the applications pages under gunicorn (not a test).

Run from the repository root:  .venv/bin/python bench/applications.py  [--applications N]
                                [--duration S] [--rounds R] [--clients C] [--workers W] [--keep]

1. Creates the PostgreSQL database `bench_applications` (dropped first if present) on the server of
   BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/bench_applications; a database
   name not starting with "bench" is never used, so no real database can be dropped), migrates it
   and collects the static files (DEBUG is off, as in production).
2. Fills it with COPY: branches, ~2,000 applicants with profiles, 100,000 applications over two
   years in every status, kind and supply type (1,000 of them for the applicant "bench"), 2-4
   history rows each and document rows without files; a staff member of one branch ("Utility
   staff" group). A small branch with its own staff member and an applicant with 10 applications
   serve as the "few rows" side of the query counts.
3. Counts the SQL queries of every page in-process (Django test Client) for many rows and for few.
4. Starts gunicorn (sync workers as in the README, bench.bench_settings) on a free port of
   127.0.0.1 and loads each page with several concurrent clients (wrk if installed, otherwise Python
   threads with requests.Session) beside a minimal view that renders a template without queries,
   session or user. After a warm-up, the pages take turns in rounds (--duration split over
   --rounds), so that load from other processes on the machine weighs on every page alike.
5. Prints requests/s and latency per page, the ratio to the minimal view (target >= 0.40) and the
   query counts. Exit status: 1 if any page answered with an error, 2 if a target was missed or a
   query count grows with the rows, 0 otherwise. The database is dropped unless --keep.
"""

import argparse
import datetime
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path[0] = str(ROOT)  # not bench/: this file's own name would shadow the applications app

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_applications"
TARGET_RATIO = 0.40
BENCH_USERNAME = "bench"
APPLICANTS = 2000
BENCH_APPLICATIONS = 1000
SMALL_APPLICATIONS = 10
YEARS = 2
COPY_BATCH = 20000

# Statuses by share of all applications; the applicant "bench" gets the same mix.
STATUS_WEIGHTS = {
    "draft": 8, "submitted": 12, "under_review": 15, "needs_correction": 5, "awaiting_signature": 5,
    "signed": 5, "completed": 32, "rejected": 8, "withdrawn": 7, "annulled": 3,
}
# The status changes that lead to each status (the history rows), the first from the draft.
STATUS_PATHS = {
    "draft": [],
    "submitted": ["submitted"],
    "under_review": ["submitted", "under_review"],
    "needs_correction": ["submitted", "under_review", "needs_correction"],
    "awaiting_signature": ["submitted", "under_review", "awaiting_signature"],
    "signed": ["submitted", "under_review", "awaiting_signature", "signed"],
    "completed": ["submitted", "under_review", "awaiting_signature", "signed", "completed"],
    "rejected": ["submitted", "under_review", "rejected"],
    "withdrawn": ["submitted", "withdrawn"],
    "annulled": ["submitted", "under_review", "needs_correction", "annulled"],
}
WAITING = {"submitted", "under_review", "needs_correction", "awaiting_signature", "signed"}
BIG_BRANCHES = [("Белгород", "bench-belgorod"), ("Старый Оскол", "bench-oskol"), ("Губкин", "bench-gubkin"),
                ("Шебекино", "bench-shebekino")]
SMALL_BRANCH = ("Валуйки", "bench-valuyki")
SMALL_BRANCH_APPLICATIONS = 20


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of load per page")
    parser.add_argument("--rounds", type=int, default=3, help="the duration is split over this many rounds")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of load per page before measuring")
    parser.add_argument("--clients", type=int, default=8, help="concurrent connections")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers")
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    if args.applications < BENCH_APPLICATIONS + SMALL_APPLICATIONS + SMALL_BRANCH_APPLICATIONS:
        parser.error(f"--applications must be at least {BENCH_APPLICATIONS + 30}")
    return args


def main():
    args = parse_args()
    database_url = bench_database_url()
    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-applications-")))
        env = bench_environment(database_url, workdir)
        create_database(database_url)
        if not args.keep:
            stack.callback(drop_database, database_url)
        prepare_database(env)
        os.environ.update(env)
        import django

        django.setup()
        stack.callback(close_django_connections)
        started = time.monotonic()
        fixture = fill(args.applications)
        fill_seconds = time.monotonic() - started
        query_counts = count_queries(fixture)
        close_django_connections()  # gunicorn's workers get the database to themselves
        server = Gunicorn(env, workdir, args.workers)
        stack.callback(server.stop)
        server.start()
        results = measure_pages(server.base_url, fixture, args, workdir)
    return report(args, fill_seconds, query_counts, results)


# --- database --------------------------------------------------------------------------------------

def bench_database_url():
    """BENCH_DATABASE_URL gives the server; its database name only if it is a bench one."""
    parts = urlsplit(os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL)
    name = parts.path.lstrip("/")
    if not name.startswith("bench"):
        name = "bench_applications"
    return urlunsplit(parts._replace(scheme="postgres", path=f"/{name}"))


def _maintenance_url(database_url):
    return urlunsplit(urlsplit(database_url)._replace(scheme="postgresql", path="/postgres"))


def _database_name(database_url):
    return urlsplit(database_url).path.lstrip("/")


def create_database(database_url):
    import psycopg

    name = _database_name(database_url)
    with psycopg.connect(_maintenance_url(database_url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(database_url):
    import psycopg

    close_django_connections()
    with psycopg.connect(_maintenance_url(database_url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{_database_name(database_url)}" WITH (FORCE)')


def close_django_connections():
    if "django.db" in sys.modules:
        from django.db import connections

        connections.close_all()


def bench_environment(database_url, workdir):
    """Production-like: DEBUG off (cached templates, manifest static files), sessions in PostgreSQL."""
    return {
        "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-applications-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "VAR_DIR": str(workdir / "var"),
        "LOG_LEVEL": "WARNING",
        "REDIS_URL": "",
        "EMAIL_URL": "console://",
        "SMS_BACKEND": "console",
        "PYTHONPATH": str(ROOT),
    }


def prepare_database(env):
    """migrate and collectstatic as separate processes, exactly as a deployment runs them."""
    for command, limit in ((["migrate", "--noinput"], 300), (["collectstatic", "--noinput"], 180)):
        step = subprocess.run([sys.executable, "manage.py", *command, "-v", "0"], cwd=ROOT,
                              env={**os.environ, **env}, capture_output=True, text=True, timeout=limit)
        if step.returncode:
            sys.exit(f"manage.py {command[0]} failed:\n{step.stdout}\n{step.stderr}")


# --- data ------------------------------------------------------------------------------------------

class Fixture:
    """What the load and the query counts need: users, their session keys, pages to ask for."""

    def __init__(self, **values):
        self.__dict__.update(values)


def fill(total):
    """Users and branches through the ORM (a few thousand rows), the big tables through COPY."""
    from django.db import DatabaseError, connection, transaction

    rng = random.Random(2026)
    with transaction.atomic():
        branches, small_branch = make_branches()
        bench_user, small_user, applicants = make_applicants()
        staff = make_staff(branches[0], "bench-staff")
        small_staff = make_staff(small_branch, "bench-staff-small")
        plan = plan_applications(total, rng, bench_user, small_user, applicants, branches, small_branch)
        copy_applications(plan)
        copy_history_and_documents(plan, rng, staff)
        set_numbering(plan)
    with connection.cursor() as cursor:
        # A settled database, as in production: statistics for the planner, visibility map and hint
        # bits set (the first readers would otherwise write them, and autovacuum may be off), dirty
        # pages flushed so that no checkpoint runs during the measurement.
        cursor.execute("VACUUM (ANALYZE)")
        try:
            cursor.execute("CHECKPOINT")
        except DatabaseError:  # needs a superuser or pg_checkpoint; the figures are only noisier
            pass
    return Fixture(
        bench_user=bench_user, small_user=small_user, staff=staff, small_staff=small_staff,
        bench_pks=[row["id"] for row in plan if row["applicant_id"] == bench_user.pk],
        small_pks=[row["id"] for row in plan if row["applicant_id"] == small_user.pk],
        sessions={user.username: session_for(user) for user in (bench_user, small_user, staff, small_staff)},
    )


def make_branches():
    from portal.models import Branch

    branches = [Branch.objects.create(city=city, name=f"Филиал «{city}»", slug=slug, order=number)
                for number, (city, slug) in enumerate(BIG_BRANCHES)]
    city, slug = SMALL_BRANCH
    return branches, Branch.objects.create(city=city, name=f"Филиал «{city}»", slug=slug, order=99)


def make_applicants():
    """~2,000 applicants of the three types with complete profiles; one password hash for all."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from accounts.models import ApplicantType, Profile, User

    password = make_password("Kvadrat-Sinij-2026")
    types = [ApplicantType.INDIVIDUAL, ApplicantType.LEGAL, ApplicantType.ENTREPRENEUR]
    names = {ApplicantType.INDIVIDUAL: "Иванов Иван Иванович", ApplicantType.LEGAL: "ООО «Ромашка»",
             ApplicantType.ENTREPRENEUR: "Петров Пётр Петрович"}
    usernames = [BENCH_USERNAME, "bench-small"] + [f"applicant{number:04d}" for number in range(APPLICANTS - 2)]
    users = User.objects.bulk_create([
        User(username=username, email=f"{username}@example.ru", password=password,
             applicant_type=types[number % 3], full_name=names[types[number % 3]],
             phone=f"+7912{number:07d}", phone_confirmed_at=timezone.now())
        for number, username in enumerate(usernames)
    ])
    Profile.objects.bulk_create([
        Profile(user=user, last_name="Иванов", first_name="Иван", patronymic="Иванович",
                address="г. Белгород, ул. Победы, д. 5, кв. 7", inn=f"{310000000000 + user.pk}",
                org_short_name=user.full_name if user.applicant_type == ApplicantType.LEGAL else "")
        for user in users
    ])
    return users[0], users[1], users[2:]


def make_staff(branch, username):
    from django.contrib.auth.models import Group

    from accounts.models import User
    from accounts.roles import UTILITY_STAFF

    user = User.objects.create_user(username=username, email=f"{username}@example.ru", is_staff=True,
                                    full_name="Сотрудникова Анна Павловна", password="Kvadrat-Sinij-2026")
    user.groups.add(Group.objects.get(name=UTILITY_STAFF))  # permissions from the data migration
    branch.staff.add(user)
    return user


def plan_applications(total, rng, bench_user, small_user, applicants, branches, small_branch):
    """One dict per application (model attribute names), ids given here so history can refer to them."""
    from django.utils import timezone

    now = timezone.now()
    statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    owners = ([(bench_user, None)] * BENCH_APPLICATIONS + [(small_user, small_branch)] * SMALL_APPLICATIONS
              + [(None, small_branch)] * SMALL_BRANCH_APPLICATIONS)
    owners += [(None, None)] * (total - len(owners))
    plan = []
    for number, (applicant, branch) in enumerate(owners, start=1):
        applicant = applicant or rng.choice(applicants)
        branch = branch or rng.choice(branches)
        status = rng.choices(statuses, weights)[0]
        created_at = now - datetime.timedelta(seconds=rng.uniform(0, YEARS * 365 * 86400))
        if applicant is small_user:
            # One application of each status, created inside the period filter's window, all heat
            # and technical conditions: each list filter finds a few of them, not none.
            index = len(plan) - BENCH_APPLICATIONS
            status, created_at = statuses[index], now - datetime.timedelta(days=450 + index)
        row = application_row(number, applicant, branch, status, created_at, now, rng)
        if applicant is small_user:
            row.update(kind="tu", supply_type="heat", load_unit="gcal_h")
        plan.append(row)
    return plan


def application_row(pk, applicant, branch, status, created_at, now, rng):
    supply_type = rng.choice(["heat", "cold_water", "sewerage", "electricity"])
    units = {"heat": "gcal_h", "cold_water": "m3_day", "sewerage": "l_s", "electricity": "kw"}
    row = {
        "id": pk, "applicant_id": applicant.pk, "branch_id": branch.pk, "status": status,
        "kind": rng.choice(["tu", "contract"]), "supply_type": supply_type, "applicant_name": applicant.full_name,
        "phone": applicant.phone.as_e164, "email": applicant.email,
        "object_address": f"г. Белгород, ул. Садовая, д. {pk % 300 + 1}",
        "cadastral_number": f"31:16:0101001:{pk}", "object_purpose": "Жилой дом", "reason": "new",
        "max_load": Decimal(rng.randint(1, 5000)) / 1000, "load_unit": units[supply_type],
        "planned_commissioning": (now + datetime.timedelta(days=rng.randint(100, 700))).date(),
        "delivery_method": "account", "created_at": created_at, "updated_at": created_at,
    }
    if status != "draft":
        row["submitted_at"] = min(created_at + datetime.timedelta(hours=rng.uniform(1, 72)), now)
        row["updated_at"] = row["submitted_at"]
    if status in WAITING:
        today = now.date()
        row["due_date"] = today + datetime.timedelta(days=rng.randint(-10, 25))
        row["answer_due_date"] = row["due_date"] + datetime.timedelta(days=rng.randint(0, 20))
    if status == "needs_correction":
        row["correction_request"] = "Приложите ситуационный план в масштабе 1:500."
    if status == "rejected":
        row["rejection_reason"] = "Нет технической возможности подключения."
    return row


def copy_rows(model, rows, columns=None):
    """COPY dicts (keyed by attribute name) into the model's table; missing fields get their default,
    so a field added to the model later does not break the benchmark."""
    from django.db import connection

    fields = [field for field in model._meta.concrete_fields if columns is None or field.attname in columns]
    defaults = {field.attname: field.get_default() for field in fields}
    names = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {model._meta.db_table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row.get(field.attname, defaults[field.attname]) for field in fields])


def reset_sequence(model):
    from django.db import connection

    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")


def copy_applications(plan):
    from applications.models import Application

    numbers = {}
    for row in sorted((row for row in plan if "submitted_at" in row), key=lambda row: row["submitted_at"]):
        year = row["submitted_at"].year
        numbers[year] = numbers.get(year, 0) + 1
        row["number"] = f"{year}-{numbers[year]:06d}"
    copy_rows(Application, plan)
    reset_sequence(Application)


def copy_history_and_documents(plan, rng, staff):
    """2-4 history rows per application (its status changes, plus "documents added" rows to make up
    the count) and document rows without files: 2-3 for the two measured applicants, 2 for every
    twentieth other application. Documents are linked to the first history row."""
    from applications.models import ApplicationDocument, ApplicationEvent

    measured = {row["applicant_id"] for row in plan[:BENCH_APPLICATIONS + SMALL_APPLICATIONS]}
    events, documents, links = [], [], []
    for row in plan:
        row_events = history_rows(row, rng, staff, first_id=len(events) + 1)
        events += row_events
        count = rng.randint(2, 3) if row["applicant_id"] in measured else (2 if row["id"] % 20 == 0 else 0)
        for slot in ("land_title", "situation_plan", "authority")[:count]:
            document_id = len(documents) + 1
            documents.append(document_row(document_id, row, slot))
            links.append({"applicationevent_id": row_events[0]["id"], "applicationdocument_id": document_id})
    copy_rows(ApplicationEvent, events)
    copy_rows(ApplicationDocument, documents)
    copy_rows(ApplicationEvent.documents.through, links, columns={"applicationevent_id", "applicationdocument_id"})
    for model in (ApplicationEvent, ApplicationDocument, ApplicationEvent.documents.through):
        reset_sequence(model)


def history_rows(row, rng, staff, first_id):
    """The last (up to 4) status changes that led to the status, preceded by "documents added" rows
    (status unchanged, in the draft) to make 2-4 rows."""
    path = STATUS_PATHS[row["status"]]
    changes = list(zip(["draft"] + path[:-1], path))[-4:]
    extra = rng.randint(max(2, len(changes)), 4) - len(changes)
    changes = [("draft", "draft")] * extra + changes
    start = row.get("submitted_at") or row["created_at"]
    rows = []
    for number, (old, new) in enumerate(changes):
        by_applicant = new in ("draft", "submitted", "withdrawn")
        rows.append({
            "id": first_id + number, "application_id": row["id"], "from_status": old, "to_status": new,
            "actor_id": row["applicant_id"] if by_applicant else (None if new == "annulled" else staff.pk),
            "comment": "" if by_applicant else "Проверено.",
            "created_at": start + datetime.timedelta(hours=6 * number),
        })
    return rows


def document_row(document_id, row, slot):
    return {
        "id": document_id, "application_id": row["id"], "slot": slot,
        "file": f"applications/{row['id']}/bench-{document_id:08x}",  # no file: pages never open it
        "original_name": f"{slot}.pdf", "size": 120_000 + document_id % 5000, "file_kind": "pdf",
        "sha256": "0" * 64, "uploaded_by_id": row["applicant_id"], "uploaded_at": row["created_at"],
    }


def set_numbering(plan):
    from applications.models import ApplicationNumber

    last = {}
    for row in plan:
        if row.get("number"):
            year, sequence = row["number"].split("-")
            last[int(year)] = max(last.get(int(year), 0), int(sequence))
    ApplicationNumber.objects.bulk_create([ApplicationNumber(year=year, last=value) for year, value in last.items()])


def session_for(user):
    """A logged-in session stored where the portal keeps them, as login() would leave it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return session.session_key


# --- pages -----------------------------------------------------------------------------------------

class Page:
    """role: "reference" (the minimal view), "target" (must reach TARGET_RATIO) or "info"."""

    def __init__(self, name, paths, username=None, role="target"):
        self.name, self.paths, self.username, self.role = name, paths, username, role


def period_query():
    """About an eighth of the applicant's applications: a six-month window a year ago, one kind."""
    from django.utils import timezone

    today = timezone.localdate()
    return (f"?date_from={today - datetime.timedelta(days=540):%Y-%m-%d}"
            f"&date_to={today - datetime.timedelta(days=360):%Y-%m-%d}&kind=tu")


LIST_BY_STATUS = "/applications/?status=under_review&supply_type=heat"
STAFF_QUEUE = "/admin/applications/application/?status__exact=submitted"


def load_pages(fixture):
    staff = fixture.staff.username
    return [
        Page("minimal view (reference)", ["/bench/minimal/"], role="reference"),
        # The cheapest logged-in page (layout, session, user): what any page costs before its content.
        Page("home page, logged in", ["/"], BENCH_USERNAME, role="info"),
        Page("list ?status&supply_type", [LIST_BY_STATUS], BENCH_USERNAME),
        Page("list ?period&kind", ["/applications/" + period_query()], BENCH_USERNAME),
        Page("application page (x1000)", [f"/applications/{pk}/" for pk in fixture.bench_pks], BENCH_USERNAME),
        Page("staff queue (admin)", [STAFF_QUEUE], staff),
        Page("staff dashboard /staff/", ["/staff/"], staff, role="info"),
    ]


# --- query counts ----------------------------------------------------------------------------------

def count_queries(fixture):
    """Each page for many rows and for few: the bench applicant (1,000 applications) against one with
    10, an application with the most history against one with the least, a branch of ~25,000
    applications against one of 20. Same status where it matters (editable drafts run more code)."""
    many_detail, few_detail = detail_pair(fixture)
    checks = [
        ("list ?status&supply_type", LIST_BY_STATUS, BENCH_USERNAME, "bench-small"),
        ("list ?period&kind", "/applications/" + period_query(), BENCH_USERNAME, "bench-small"),
        ("list, no filter", "/applications/", BENCH_USERNAME, "bench-small"),
        ("application page", (many_detail, few_detail), BENCH_USERNAME, "bench-small"),
        ("staff queue (admin)", STAFF_QUEUE, fixture.staff.username, fixture.small_staff.username),
        ("staff queue, no filter", "/admin/applications/application/", fixture.staff.username,
         fixture.small_staff.username),
        ("staff dashboard /staff/", "/staff/", fixture.staff.username, fixture.small_staff.username),
    ]
    counts = []
    for name, paths, many_user, few_user in checks:
        many_path, few_path = paths if isinstance(paths, tuple) else (paths, paths)
        counts.append((name, queries_of(fixture, many_user, many_path), queries_of(fixture, few_user, few_path)))
    return counts


def detail_pair(fixture):
    """The bench applicant's under-review application with the most history and documents, and the
    small applicant's under-review one (the least)."""
    from django.db.models import Count

    from applications.models import Application

    def pick(pks, order):
        application = (Application.objects.filter(pk__in=pks, status="under_review")
                       .annotate(n=Count("events", distinct=True) + Count("documents", distinct=True))
                       .order_by(order).first())
        return f"/applications/{application.pk}/"

    return pick(fixture.bench_pks, "-n"), pick(fixture.small_pks, "n")


def queries_of(fixture, username, path):
    """The number of queries of one request, or the reason there is none (a broken page is reported,
    not fatal: the load phase then counts its errors too)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(raise_request_exception=False)
    client.cookies[settings.SESSION_COOKIE_NAME] = fixture.sessions[username]
    client.get(path)  # a warm process, as under load: per-process caches (content types, translations) filled
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    return len(captured.captured_queries)


# --- server and load -------------------------------------------------------------------------------

class Gunicorn:
    def __init__(self, env, workdir, workers):
        self.env, self.workers = env, workers
        self.log_path = workdir / "gunicorn.log"
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        command = [str(ROOT / ".venv/bin/gunicorn"), "portal.wsgi", "--chdir", str(ROOT),
                   "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers), "--worker-class", "sync",
                   "--timeout", "60", "--error-logfile", str(self.log_path), "--log-level", "warning"]
        self.process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **self.env},
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.wait_until_up()

    def wait_until_up(self, timeout=60):
        import requests

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn exited with {self.process.returncode}:\n{self.log()}")
            try:
                if requests.get(self.base_url + "/bench/minimal/", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        sys.exit(f"gunicorn did not answer within {timeout} s:\n{self.log()}")

    def log(self):
        return self.log_path.read_text(errors="replace")[-3000:] if self.log_path.exists() else ""

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # the master stops its workers
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def measure_pages(base_url, fixture, args, workdir):
    """Every page in turn, in several rounds: a burst of load from elsewhere on the machine then
    weighs on all pages alike instead of on whichever page happened to run at that moment."""
    use_wrk = args.client == "wrk" or (args.client == "auto" and shutil.which("wrk"))
    load = WrkLoad(workdir) if use_wrk else ThreadLoad()
    pages = load_pages(fixture)
    print(f"Load: {load.label}, {args.clients} connections, {args.duration:g} s per page in {args.rounds} rounds "
          f"(+{args.warmup:g} s warm-up), gunicorn {args.workers} sync workers, {os.cpu_count()} CPUs, "
          f"load average before: {os.getloadavg()[0]:.2f}", flush=True)
    runs = {page.name: [] for page in pages}
    for round_number in range(args.rounds + (1 if args.warmup else 0)):
        warming = args.warmup and round_number == 0
        for page in pages:
            cookie = f"sessionid={fixture.sessions[page.username]}" if page.username else ""
            figures = load.run(base_url, page.paths, cookie, args.clients,
                               args.warmup if warming else args.duration / args.rounds)
            if not warming:
                runs[page.name].append(figures)
        if not warming:
            print(f"  round {round_number + (0 if args.warmup else 1)}: " + ", ".join(
                f"{page.name.split(' (')[0]} {runs[page.name][-1]['requests'] / runs[page.name][-1]['seconds']:.0f}"
                for page in pages) + " req/s", flush=True)
    return [(page, combine(runs[page.name])) for page in pages]


def combine(runs):
    """Totals of the rounds; latency percentiles as the mean of the rounds' weighted by requests
    (wrk gives percentiles, not the samples)."""
    requests = sum(run["requests"] for run in runs)

    def weighted(key):
        return sum(run[key] * run["requests"] for run in runs) / max(requests, 1)

    return {"requests": requests, "seconds": sum(run["seconds"] for run in runs),
            "errors": sum(run["errors"] for run in runs), "p50": weighted("p50"), "p95": weighted("p95")}


# Per thread: the paths in turn and the answers that are not 200 (a redirect to the login page counts).
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  paths = {}
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  cookie = args[2]
  counter = math.random(#paths)
  bad = 0
end
function request()
  counter = counter % #paths + 1
  local headers = {}
  if cookie ~= "" then headers["Cookie"] = cookie end
  return wrk.format("GET", paths[counter], headers)
end
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
function done(summary, latency, requests)
  local bad_total = 0
  for _, thread in ipairs(threads) do bad_total = bad_total + thread:get("bad") end
  local e = summary.errors
  io.write(string.format('BENCH {"requests": %d, "micros": %d, "bad_status": %d, "socket_errors": %d, '
    .. '"p50": %d, "p95": %d, "p99": %d}\\n', summary.requests, summary.duration, bad_total,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99)))
end
"""


class WrkLoad:
    label = "wrk"

    def __init__(self, workdir):
        self.workdir = workdir
        self.script = workdir / "bench.lua"
        self.script.write_text(WRK_SCRIPT)

    def run(self, base_url, paths, cookie, clients, seconds):
        paths_file = self.workdir / "paths.txt"
        paths_file.write_text("\n".join(paths) + "\n")
        seconds = max(1, round(seconds))  # wrk takes whole seconds
        command = ["wrk", "-t", str(min(2, clients)), "-c", str(clients), "-d", f"{seconds}s", "--timeout", "10s",
                   "-s", str(self.script), base_url, "--", str(paths_file), cookie]
        done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
        line = next((line for line in done.stdout.splitlines() if line.startswith("BENCH ")), None)
        if line is None:
            sys.exit(f"wrk failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        raw = json.loads(line[len("BENCH "):])
        return {"requests": raw["requests"], "seconds": raw["micros"] / 1e6,
                "errors": raw["bad_status"] + raw["socket_errors"],
                "p50": raw["p50"] / 1000, "p95": raw["p95"] / 1000}


class ThreadLoad:
    """Fallback without wrk: one thread per connection, requests.Session keeps the connection open.
    Python clients take CPU from the server on a small machine, so the reference is flattered."""

    label = "Python threads (install wrk for a lighter client)"

    def run(self, base_url, paths, cookie, clients, seconds):
        latencies, errors, lock = [], [0], threading.Lock()
        stop_at = time.monotonic() + seconds

        def client(offset):
            import requests

            own, bad = [], 0
            with requests.Session() as session:
                if cookie:
                    session.headers["Cookie"] = cookie
                turn = offset
                while time.monotonic() < stop_at:
                    turn += 1
                    started = time.perf_counter()
                    try:
                        ok = session.get(base_url + paths[turn % len(paths)], timeout=10,
                                         allow_redirects=False).status_code == 200
                    except requests.RequestException:
                        ok = False
                    own.append(time.perf_counter() - started)
                    bad += not ok
            with lock:
                latencies.extend(own)
                errors[0] += bad

        started = time.monotonic()
        threads = [threading.Thread(target=client, args=(number * 97,)) for number in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=seconds + 30)
        elapsed = time.monotonic() - started
        cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0] * 99
        return {"requests": len(latencies), "seconds": elapsed, "errors": errors[0],
                "p50": cuts[49] * 1000, "p95": cuts[94] * 1000}


# --- report ----------------------------------------------------------------------------------------

def report(args, fill_seconds, query_counts, results):
    reference = next(figures["requests"] / figures["seconds"]
                     for page, figures in results if page.role == "reference")
    print(f"\nApplications benchmark: {args.applications:,} applications (1,000 of '{BENCH_USERNAME}'), "
          f"filled in {fill_seconds:.1f} s; reference: the minimal view, {reference:.0f} req/s\n")
    header = f"{'page':<28}{'requests':>9}{'errors':>7}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'ratio':>7}  target   result"
    print(header)
    print("-" * len(header))
    errors = missed = False
    for page, figures in results:
        rate = figures["requests"] / figures["seconds"]
        ratio = rate / reference
        verdict = "—"
        if page.role == "target":
            verdict = "PASS" if ratio >= TARGET_RATIO and not figures["errors"] else "FAIL"
            missed |= ratio < TARGET_RATIO
        errors |= bool(figures["errors"])
        print(f"{page.name:<28}{figures['requests']:>9}{figures['errors']:>7}{rate:>8.0f}{figures['p50']:>8.1f}"
              f"{figures['p95']:>8.1f}{ratio:>7.2f}  {'>= 0.40' if page.role == 'target' else '':<7}  {verdict}")
    growing = print_query_counts(query_counts, args.applications)
    if errors:
        print("\nSome pages answered with errors (non-200 or socket errors).")
        return 1
    return 2 if missed or growing else 0


def print_query_counts(query_counts, total):
    print(f"\n{'SQL queries per page':<28}{'many rows':>10}{'few rows':>10}  constant")
    growing = False
    for name, many, few in query_counts:
        constant = isinstance(many, int) and many == few
        growing |= not constant
        print(f"{name:<28}{many:>10}{few:>10}  {'yes' if constant else 'NO'}")
    print(f"(many rows: {BENCH_APPLICATIONS:,} applications of the applicant / the most history / a branch of "
          f"~{total // len(BIG_BRANCHES):,};\n few rows: {SMALL_APPLICATIONS} applications / the least history / "
          f"a branch of {SMALL_BRANCH_APPLICATIONS}; counts include BEGIN/COMMIT of ATOMIC_REQUESTS)")
    return growing


if __name__ == "__main__":
    sys.exit(main())
