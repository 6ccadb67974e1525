"""Fills the benchmark database with COPY: branches, applicants, applications, history."""
import datetime
import random
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repository: bench/appbench/data.py

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_applications"
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




# --- data ------------------------------------------------------------------------------------------

class Fixture:
    """What the load and the query counts need: users, their session keys, pages to ask for."""

    def __init__(self, **values):
        self.__dict__.update(values)


def fill(total):
    """Users and branches through the ORM (a few thousand rows), the big tables through COPY."""
    from django.db import DatabaseError, connection, transaction
    from django.utils.crypto import get_random_string

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
        # A browser holds the CSRF cookie the first page gave it; the pages' forms carry its token.
        csrf_secrets={user.username: get_random_string(32) for user in (bench_user, small_user, staff, small_staff)},
    )


def existing_fixture():
    """The fixture of a database an earlier run filled and kept (--keep), for --reuse: the same users
    and applications, new sessions (the Redis database is emptied at each start). None if the
    database holds no filled benchmark."""
    from django.utils.crypto import get_random_string

    from accounts.models import User
    from applications.models import Application

    names = [BENCH_USERNAME, "bench-small", "bench-staff", "bench-staff-small"]
    users = {user.username: user for user in User.objects.filter(username__in=names)}
    if len(users) < len(names):
        return None
    bench_user, small_user, staff, small_staff = (users[name] for name in names)
    mine = Application.objects.order_by("pk").values_list("pk", flat=True)
    return Fixture(
        bench_user=bench_user, small_user=small_user, staff=staff, small_staff=small_staff,
        bench_pks=list(mine.filter(applicant=bench_user)), small_pks=list(mine.filter(applicant=small_user)),
        sessions={user.username: session_for(user) for user in users.values()},
        csrf_secrets={user.username: get_random_string(32) for user in users.values()},
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
    _enrol_second_factor(user)
    return user


def _enrol_second_factor(user):
    """Staff must have a second factor (accounts.mfa), or every page sends them to enrol instead."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import generate_totp_secret
    from allauth.mfa.utils import encrypt

    Authenticator.objects.get_or_create(user=user, type=Authenticator.Type.TOTP,
                                        defaults={"data": {"secret": encrypt(generate_totp_secret())}})


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
    from django.db.models import JSONField
    from psycopg.types.json import Jsonb

    fields = [field for field in model._meta.concrete_fields if columns is None or field.attname in columns]
    defaults = {field.attname: field.get_default() for field in fields}
    # COPY adapts plain values only: a JSON column's value ({} by default) goes as jsonb.
    defaults.update({field.attname: Jsonb(defaults[field.attname]) for field in fields
                     if isinstance(field, JSONField)})
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
    changes = list(zip(["draft", *path][:-1], path, strict=True))[-4:]  # (from, to) of each change
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
    """A logged-in session stored where the portal keeps them (the cache and the database with Redis),
    as login() would leave it."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return session.session_key
