"""Benchmark of the applications pages under gunicorn (not a test).

Run from the repository root:  .venv/bin/python bench/applications.py  [--applications N]
                                [--duration S] [--rounds R] [--clients C] [--workers W] [--keep]

1. Creates exactly the PostgreSQL database named by BENCH_DATABASE_URL (default
   postgres://postgres@127.0.0.1:5432/bench_applications). The name must start with "bench"; a
   database of that name that an earlier benchmark run did not create stops the run (bench/benchdb.py:
   only databases bearing the benchmark's mark are ever dropped). Migrates it and collects the static
   files (DEBUG is off, as in production).
2. Fills it with COPY: branches, ~2,000 applicants with profiles, 100,000 applications over two
   years in every status, kind and supply type (1,000 of them for the applicant "bench"), 2-4
   history rows each and document rows without files; a staff member of one branch ("Utility
   staff" group). A small branch with its own staff member and an applicant with 10 applications
   serve as the "few rows" side of the query counts.
   Redis database BENCH_REDIS_URL (default redis://127.0.0.1:6379/13) is emptied: as in production it
   holds the sessions, the logged-in users and the page cache (portal/pagecache.py).
3. Counts the SQL queries of every page in-process (Django test Client) for many rows and for few
   with the page rendered, and for a repeat visit answered from the page cache.
4. Starts two gunicorn servers, page cache on and off (sync workers as in the README,
   bench.bench_settings), each on a free port of 127.0.0.1, and loads each page with several
   concurrent clients (wrk if installed, otherwise Python threads with requests.Session) beside a
   minimal view that renders a template without queries, session or user. After a warm-up, the
   pages take turns in rounds (--duration split over --rounds), so that load from other processes
   on the machine weighs on every page alike.
5. Prints requests/s and latency per page with the page cache on and off side by side (two gunicorn
   servers, loaded in turn in the same rounds), each page's ratio to the minimal view and its target
   (cache on >= 0.50; cache off: lists >= 0.15 with p95 <= 60 ms, application page >= 0.20, staff
   queue and /staff/ >= 0.12), and the query counts. Exit status: 1 if any page answered with an
   error, 2 if a target was missed or a query count grows with the rows, 0 otherwise. The database
   is dropped unless --keep. With --reuse, the database an earlier run filled and kept is used as it is
   (migrated, not filled again; it is kept), which saves the fill: the figures are the same.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[0] = str(ROOT)  # not bench/: this file's own name would shadow the applications app

from bench import benchdb  # noqa: E402
from bench.appbench.data import (  # noqa: E402
    BENCH_APPLICATIONS,
    BENCH_USERNAME,
    BIG_BRANCHES,
    DEFAULT_DATABASE_URL,
    SMALL_APPLICATIONS,
    SMALL_BRANCH_APPLICATIONS,
    existing_fixture,
    fill,
)
from bench.appbench.load import MODES, Gunicorn, count_queries, measure_pages  # noqa: E402


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
    parser.add_argument("--reuse", action="store_true",
                        help="use the database an earlier run filled and kept (--keep) instead of filling a new "
                             "one; it is migrated and kept")
    parser.add_argument("--fill-only", action="store_true",
                        help="create, fill and keep the database, then stop (for later runs with --reuse)")
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
        reuse = args.reuse and benchdb.is_benchmark(database_url)
        if not reuse:
            create_database(database_url)
        flush_bench_redis()
        if not (args.keep or args.fill_only or reuse):
            stack.callback(drop_database, database_url)
        prepare_database(env)
        os.environ.update(env)
        import django

        django.setup()
        stack.callback(close_django_connections)
        started = time.monotonic()
        fixture = existing_fixture() if reuse else None
        if reuse and fixture is None:
            sys.exit(f"--reuse: {benchdb.database_name(database_url)} holds no filled benchmark; run without --reuse.")
        fixture = fixture or fill(args.applications)
        fill_seconds = None if reuse else time.monotonic() - started
        if args.fill_only:
            print(f"{benchdb.database_name(database_url)}: {args.applications:,} applications, "
                  f"{'reused' if reuse else f'filled in {fill_seconds:.1f} s'}; kept for --reuse.")
            return 0
        query_counts = count_queries(fixture)
        close_django_connections()  # gunicorn's workers get the database to themselves
        servers = {mode: Gunicorn(env, workdir, args.workers, page_cache=mode == "on") for mode in MODES}
        for server in servers.values():
            stack.callback(server.stop)
            server.start()
        results = measure_pages({mode: server.base_url for mode, server in servers.items()}, fixture, args, workdir)
    return report(args, fill_seconds, query_counts, results)


# --- database --------------------------------------------------------------------------------------

def bench_database_url():
    """Exactly the database of BENCH_DATABASE_URL (its name must start with "bench")."""
    return benchdb.checked_url(os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL)


def create_database(database_url):
    benchdb.create(database_url)


def drop_database(database_url):
    close_django_connections()
    benchdb.drop(database_url)


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
        # As in production: Redis holds the sessions, the logged-in users and the page cache.
        "REDIS_URL": bench_redis_url(),
        "EMAIL_URL": "console://",
        "SMS_BACKEND": "console",
        "PYTHONPATH": str(ROOT),
    }


def bench_redis_url():
    return os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")


def flush_bench_redis():
    """An empty cache at the start: nothing from an earlier run (pages, sessions) may answer."""
    import redis

    redis.Redis.from_url(bench_redis_url()).flushdb()


def prepare_database(env):
    """migrate and collectstatic as separate processes, exactly as a deployment runs them."""
    for command, limit in ((["migrate", "--noinput"], 300), (["collectstatic", "--noinput"], 180)):
        step = subprocess.run([sys.executable, "manage.py", *command, "-v", "0"], cwd=ROOT,
                              env={**os.environ, **env}, capture_output=True, text=True, timeout=limit)
        if step.returncode:
            sys.exit(f"manage.py {command[0]} failed:\n{step.stdout}\n{step.stderr}")


# --- report ----------------------------------------------------------------------------------------

def report(args, fill_seconds, query_counts, results):
    """One line per page: the page cache on and off side by side, each with its ratio to the minimal
    view (measured by the same server, in the same rounds) and its target."""
    reference = {mode: figures[mode]["requests"] / figures[mode]["seconds"]
                 for page, figures in results if page.role == "reference" for mode in MODES}
    filled = "reused (--reuse)" if fill_seconds is None else f"filled in {fill_seconds:.1f} s"
    print(f"\nApplications benchmark: {args.applications:,} applications (1,000 of '{BENCH_USERNAME}'), "
          f"{filled}; reference: the minimal view, {reference['on']:.0f} req/s "
          f"(cache-on server) / {reference['off']:.0f} req/s (cache-off server)\n")
    half = f"{'req/s':>7}{'p50 ms':>8}{'p95 ms':>8}{'ratio':>7}{'target':>8}"
    print(f"{'':<28}{'page cache ON':^46}  |{'page cache OFF (first visits)':^46}")
    header = f"{'page':<28}{half}{'':>8}  |{half}{'':>8}  errors"
    print(header)
    print("-" * len(header))
    errors = missed = False
    for page, figures in results:
        cells = []
        for mode in MODES:
            line, failed = _report_cell(page, mode, figures[mode], reference[mode])
            cells.append(line)
            missed |= failed
        count = sum(figures[mode]["errors"] for mode in MODES)
        errors |= bool(count)
        print(f"{page.name:<28}{cells[0]}  |{cells[1]}  {count:>6}")
    print("(target: ratio >= target; with the cache off the lists' p95 must also stay <= 60 ms)")
    growing = print_query_counts(query_counts, args.applications)
    if errors:
        print("\nSome pages answered with errors (non-200 or socket errors).")
        return 1
    return 2 if missed or growing else 0


def _report_cell(page, mode, figures, reference):
    """The line of one page in one cache mode, and whether it missed its target."""
    rate = figures["requests"] / figures["seconds"]
    ratio = rate / reference
    target = (page.on if mode == "on" else page.off) if page.role == "target" else None
    p95_limit = page.p95_off if mode == "off" else None
    failed = (target is not None and ratio < target) or (p95_limit is not None and figures["p95"] > p95_limit)
    verdict = "" if target is None else ("FAIL" if failed else "PASS")
    target_text = f">={target:.2f}" if target is not None else ""
    return (f"{rate:>7.0f}{figures['p50']:>8.1f}{figures['p95']:>8.1f}{ratio:>7.2f}{target_text:>8}"
            f"{verdict:>8}"), failed


def print_query_counts(query_counts, total):
    print(f"\n{'SQL queries per page':<28}{'many rows':>10}{'few rows':>10}  constant{'repeat visit':>14}"
          f"{'in-process ms':>15}")
    growing = False
    for name, many, few, cached, milliseconds in query_counts:
        constant = isinstance(many, int) and many == few
        growing |= not constant
        print(f"{name:<28}{many:>10}{few:>10}  {'yes' if constant else 'NO':<8}{cached:>14}{milliseconds:>15.1f}")
    print(f"(many rows: {BENCH_APPLICATIONS:,} applications of the applicant / the most history / a branch of "
          f"~{total // len(BIG_BRANCHES):,};\n few rows: {SMALL_APPLICATIONS} applications / the least history / "
          f"a branch of {SMALL_BRANCH_APPLICATIONS}; counts include BEGIN/COMMIT of ATOMIC_REQUESTS and are of a "
          f"rendered page;\n repeat visit: the same page again, answered from the page cache;\n in-process ms: "
          f"median of one request with the page cache off, many rows, Django's test client in this process)")
    return growing


if __name__ == "__main__":
    sys.exit(main())
