"""The benchmarks' database handling (bench/benchdb.py) on the real PostgreSQL server of the tests:
exactly the named database is used, and only a database a benchmark created is ever dropped."""

import uuid
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from bench import benchdb

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the benchmarks run on PostgreSQL")


def server_url(name):
    database = settings.DATABASES["default"]
    user, password = database.get("USER") or "postgres", database.get("PASSWORD") or ""
    credentials = f"{user}:{password}@" if password else f"{user}@"
    return f"postgres://{credentials}{database.get('HOST') or '127.0.0.1'}:{database.get('PORT') or 5432}/{name}"


def exists(name):
    maintenance = urlunsplit(urlsplit(server_url("postgres"))._replace(scheme="postgresql"))
    with psycopg.connect(maintenance, autocommit=True) as admin:
        return admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


@pytest.fixture
def names():
    """Unique names (tests of other branches share the server); whatever is left is removed."""
    made = []

    def make(prefix="bench_test_"):
        made.append(f"{prefix}{uuid.uuid4().hex[:10]}")
        return made[-1]

    yield make
    maintenance = urlunsplit(urlsplit(server_url("postgres"))._replace(scheme="postgresql"))
    with psycopg.connect(maintenance, autocommit=True) as admin:
        for name in made:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_it_creates_exactly_the_named_database_and_drops_it(names):
    name = names()
    url = benchdb.checked_url(server_url(name))
    benchdb.create(url)
    assert exists(name)
    benchdb.drop(url)
    assert not exists(name)


def test_a_name_not_starting_with_bench_stops_the_run_and_is_not_replaced():
    with pytest.raises(SystemExit, match="must be named bench"):
        benchdb.checked_url(server_url("portal"))
    with pytest.raises(SystemExit, match="letters, digits"):
        benchdb.checked_url(server_url('bench"; DROP DATABASE x; --'))


def test_an_existing_database_it_did_not_create_is_neither_reused_nor_dropped(names):
    name = names()
    maintenance = urlunsplit(urlsplit(server_url("postgres"))._replace(scheme="postgresql"))
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    with pytest.raises(SystemExit, match="not created by a benchmark"):
        benchdb.create(server_url(name))
    benchdb.drop(server_url(name))
    assert exists(name)


def test_a_database_left_by_an_earlier_run_is_made_anew(names):
    name = names()
    benchdb.create(server_url(name))
    with psycopg.connect(urlunsplit(urlsplit(server_url(name))._replace(scheme="postgresql")),
                         autocommit=True) as old:
        old.execute("CREATE TABLE leftover (id int)")
    benchdb.create(server_url(name))
    with psycopg.connect(urlunsplit(urlsplit(server_url(name))._replace(scheme="postgresql")),
                         autocommit=True) as new:
        assert new.execute("SELECT to_regclass('leftover')").fetchone()[0] is None


def test_reuse_accepts_only_a_database_a_benchmark_made(names):
    """bench/applications.py --reuse uses a kept database only if it bears the benchmark's mark."""
    made, foreign, missing = names(), names(), names()
    benchdb.create(benchdb.checked_url(server_url(made)))
    maintenance = urlunsplit(urlsplit(server_url("postgres"))._replace(scheme="postgresql"))
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{foreign}"')
    assert benchdb.is_benchmark(server_url(made))
    assert not benchdb.is_benchmark(server_url(foreign))
    assert not benchdb.is_benchmark(server_url(missing))
