"""The PostgreSQL database of a benchmark: exactly the one named in its URL, never another.

A benchmark creates its database and marks it with a comment; it drops only a database bearing that
mark, so a database it did not create (a developer's, a test run's, production's) is never dropped,
whatever its name. The name must start with "bench": a mistyped BENCH_DATABASE_URL stops the run with
a message instead of being replaced by another name.
"""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from portal.env import POSTGRES_OPTIONS

MARK = "created by a benchmark of the portal (bench/), which may drop it"


class BenchDatabaseError(SystemExit):
    """The run stops with this message; nothing was created or dropped."""


def database_name(url):
    return urlsplit(url).path.lstrip("/")


def checked_url(url):
    """The URL with the scheme psycopg and the portal's settings both accept; its name must start with
    "bench" and be a plain identifier (it is put in SQL)."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.startswith("bench"):
        raise BenchDatabaseError(f"The benchmark database must be named bench…; {url!r} names {name or 'none'!r}.")
    if not all(char.isalnum() or char == "_" for char in name):
        raise BenchDatabaseError(f"The benchmark database name {name!r} may hold only letters, digits and _.")
    return urlunsplit(parts._replace(scheme="postgres"))


def _maintenance_url(url):
    """The server's `postgres` database, with the URL's libpq options but not Django's own (portal.env:
    server_side_binding, prepare_threshold), which libpq refuses."""
    parts = urlsplit(url)
    query = urlencode([(key, value) for key, value in parse_qsl(parts.query) if key not in POSTGRES_OPTIONS])
    return urlunsplit(parts._replace(scheme="postgresql", path="/postgres", query=query))


def _mark_of(connection, name):
    """None if there is no such database, else its comment ('' without one)."""
    row = connection.execute(
        "SELECT coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database WHERE datname = %s",
        [name]).fetchone()
    return None if row is None else row[0]


def create(url):
    """Create the database of `url`. One left by an earlier run of a benchmark (it bears the mark) is
    dropped first; any other database of that name stops the run."""
    import psycopg

    name = database_name(checked_url(url))
    with psycopg.connect(_maintenance_url(url), autocommit=True) as connection:
        mark = _mark_of(connection, name)
        if mark is not None and mark != MARK:
            raise BenchDatabaseError(
                f"The database {name!r} exists and was not created by a benchmark: it is left alone. "
                f"Drop it yourself or give another name in BENCH_DATABASE_URL.")
        if mark == MARK:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
        connection.execute(f"COMMENT ON DATABASE \"{name}\" IS '{MARK}'")


def is_benchmark(url):
    """Whether the database of `url` exists and bears the benchmark's mark (an earlier run made it)."""
    import psycopg

    with psycopg.connect(_maintenance_url(url), autocommit=True) as connection:
        return _mark_of(connection, database_name(checked_url(url))) == MARK


def drop(url):
    """Drop the database of `url` if it bears the benchmark's mark; otherwise do nothing."""
    import psycopg

    name = database_name(url)
    with psycopg.connect(_maintenance_url(url), autocommit=True) as connection:
        if _mark_of(connection, name) == MARK:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
