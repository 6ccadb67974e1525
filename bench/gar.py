"""Benchmark of the GAR import (not a test).

Run from the repository root:  .venv/bin/python bench/gar.py [--houses N] [--sqlite] [--keep]

1. Writes a generated region extract (AS_ADDR_OBJ, AS_ADM_HIERARCHY, AS_HOUSES) of N houses (default
   100,000) on 200 streets of 10 cities into a temporary folder.
2. Creates exactly the database of BENCH_DATABASE_URL (default
   postgres://postgres@127.0.0.1:5432/bench_gar; the name must start with "bench", and a database
   of that name a benchmark did not create stops the run, see bench/benchdb.py), or with --sqlite a
   temporary SQLite file, and migrates it.
3. Imports the extract (addresses.services.gar_import) in a child process with DEBUG off, then again
   into emptied tables with DEBUG on, and reports houses/s and how much the child's memory grew.
4. Reference: the same rows (address objects, hierarchy, addresses) written into the same emptied
   tables with COPY on PostgreSQL, or with executemany INSERTs on SQLite.
5. Prints the ratio import / reference. Targets: <= 2x COPY on PostgreSQL, <= 5x executemany on
   SQLite; memory growth under 60 MB either way. Exit status 2 if a target is missed.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[0] = str(ROOT)  # not bench/: the portal's packages
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_gar"
TARGETS = {"postgresql": 2.0, "sqlite": 5.0}
MEMORY_TARGET_MB = 60
CITIES, STREETS = 10, 200
TABLES = ("addresses_addressobject", "addresses_hierarchyitem", "addresses_address")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--houses", type=int, default=100_000)
    parser.add_argument("--sqlite", action="store_true", help="a temporary SQLite file instead of PostgreSQL")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database afterwards")
    parser.add_argument("--child", choices=("off", "on"), help=argparse.SUPPRESS)
    parser.add_argument("--extract", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.extract, debug=args.child == "on")
    with tempfile.TemporaryDirectory(prefix="bench-gar-") as workdir:
        extract = Path(workdir) / "extract"
        write_extract(extract / "31", args.houses)
        if args.sqlite:
            database_url = f"sqlite:///{Path(workdir) / 'bench.sqlite3'}"
            return run(args, database_url, extract)
        from bench import benchdb

        database_url = benchdb.checked_url(os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL)
        benchdb.create(database_url)
        try:
            return run(args, database_url, extract)
        finally:
            if not args.keep:
                benchdb.drop(database_url)


def run(args, database_url, extract):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", "DATABASE_URL": database_url,
           "LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT)}
    env.pop("REDIS_URL", None)
    migrate = subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=600)
    if migrate.returncode:
        sys.exit(f"migrate failed:\n{migrate.stdout}\n{migrate.stderr}")
    figures = {}
    for mode in ("off", "on"):
        done = subprocess.run([sys.executable, __file__, "--child", mode, "--extract", str(extract)], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=3600)
        if done.returncode:
            sys.exit(f"the import failed:\n{done.stdout}\n{done.stderr}")
        figures[mode] = json.loads(done.stdout.strip().splitlines()[-1])
    os.environ.update({key: env[key] for key in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "LOG_LEVEL")})
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.db import connection

    reference = reference_seconds(connection)
    connection.close()
    return report(args, connection.vendor, figures, reference)


def child(extract, *, debug):
    """One import into emptied tables; prints {"seconds", "houses", "memory_mb"} as JSON."""
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from addresses.services import gar_import

    settings.DEBUG = debug  # what Django's query log keeps depends on it
    empty_tables(connection)
    baseline = rss_mb()
    started = time.perf_counter()
    counts = gar_import(directory=extract, region="31")
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "houses": counts.houses, "memory_mb": peak_rss_mb() - baseline}))
    return 0


def empty_tables(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(TABLES)} CASCADE")  # a database of our own
        else:
            for table in TABLES:
                cursor.execute(f"DELETE FROM {table}")


def reference_seconds(connection):
    """Read back what the import wrote, empty the tables and time writing the same rows directly."""
    from django.db import transaction

    tables = {}
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"SELECT * FROM {table}")
            tables[table] = ([column[0] for column in cursor.description], cursor.fetchall())
    empty_tables(connection)
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:  # one transaction, as the import's batches
        for table, (columns, rows) in tables.items():
            names = ", ".join(f'"{column}"' for column in columns)
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join('%s' for _ in columns)})", rows)
    return time.perf_counter() - started


def rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2 ** 20


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(args, vendor, figures, reference):
    target = TARGETS[vendor]
    houses = figures["off"]["houses"]
    name = "PostgreSQL, COPY" if vendor == "postgresql" else "SQLite, executemany"
    print(f"GAR import benchmark: {houses:,} houses on {STREETS} streets of {CITIES} cities ({vendor})")
    print(f"reference ({name} of the same rows): {reference:.2f} s, {houses / reference:,.0f} houses/s")
    failed = False
    for mode in ("off", "on"):
        seconds, memory = figures[mode]["seconds"], figures[mode]["memory_mb"]
        ratio = seconds / reference
        ok = ratio <= target and memory <= MEMORY_TARGET_MB
        failed |= not ok
        print(f"import, DEBUG {mode:<3}:  {seconds:7.2f} s, {houses / seconds:9,.0f} houses/s, ratio {ratio:5.2f} "
              f"(target <= {target:g}), memory +{memory:5.1f} MB (target <= {MEMORY_TARGET_MB})  "
              f"{'PASS' if ok else 'FAIL'}")
    return 2 if failed else 0


def write_extract(folder, houses):
    """A region: 10 cities with 20 streets each, the houses spread over the streets."""
    folder.mkdir(parents=True)
    suffix = f"20240115_{uuid.UUID(int=1)}.XML"
    region_guid = uuid.UUID(int=2)
    objects = [f'<OBJECT OBJECTID="1" OBJECTGUID="{region_guid}" NAME="Белгородская" TYPENAME="обл" LEVEL="1" '
               'ISACTUAL="1" ISACTIVE="1"/>']
    hierarchy = []
    hierarchy.append('<ITEM OBJECTID="1" PARENTOBJID="0" ISACTIVE="1" PATH="1"/>')
    streets = []
    for city in range(CITIES):
        city_id = 100 + city
        objects.append(f'<OBJECT OBJECTID="{city_id}" OBJECTGUID="{uuid.UUID(int=city_id)}" NAME="Город {city}" '
                       'TYPENAME="г" LEVEL="5" ISACTUAL="1" ISACTIVE="1"/>')
        hierarchy.append(f'<ITEM OBJECTID="{city_id}" PARENTOBJID="1" ISACTIVE="1" PATH="1.{city_id}"/>')
        for street in range(STREETS // CITIES):
            street_id = 10_000 + city * 100 + street
            objects.append(f'<OBJECT OBJECTID="{street_id}" OBJECTGUID="{uuid.UUID(int=street_id)}" '
                           f'NAME="Улица {street}" TYPENAME="ул" LEVEL="8" ISACTUAL="1" ISACTIVE="1"/>')
            hierarchy.append(f'<ITEM OBJECTID="{street_id}" PARENTOBJID="{city_id}" ISACTIVE="1" '
                             f'PATH="1.{city_id}.{street_id}"/>')
            streets.append(f"1.{city_id}.{street_id}")
    (folder / f"AS_ADDR_OBJ_{suffix}").write_text(
        '<?xml version="1.0" encoding="utf-8"?><ADDRESSOBJECTS>\n' + "\n".join(objects) + "\n</ADDRESSOBJECTS>\n",
        encoding="utf-8")
    with open(folder / f"AS_ADM_HIERARCHY_{suffix}", "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?><ITEMS>\n' + "\n".join(hierarchy) + "\n")
        for number in range(houses):
            objectid = 10_000_000 + number
            out.write(f'<ITEM ID="{number}" OBJECTID="{objectid}" PARENTOBJID="0" ISACTIVE="1" '
                      f'PATH="{streets[number % len(streets)]}.{objectid}"/>\n')
        out.write("</ITEMS>\n")
    with open(folder / f"AS_HOUSES_{suffix}", "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?><HOUSES>\n')
        for number in range(houses):
            extra = f' ADDNUM1="{number % 3}" ADDTYPE1="1"' if number % 7 == 0 else ""
            out.write(f'<HOUSE ID="{number}" OBJECTID="{10_000_000 + number}" '
                      f'OBJECTGUID="{uuid.UUID(int=10 ** 9 + number)}" CHANGEID="{number}" '
                      f'HOUSENUM="{number // len(streets) + 1}" HOUSETYPE="2"{extra} OPERTYPEID="10" PREVID="0" '
                      'NEXTID="0" UPDATEDATE="2024-01-12" STARTDATE="2012-03-01" ENDDATE="2079-06-06" ISACTUAL="1" '
                      'ISACTIVE="1"/>\n')
        out.write("</HOUSES>\n")


if __name__ == "__main__":
    sys.exit(main())
