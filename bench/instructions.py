"""Instructions per request of the applications benchmark's pages, counted by valgrind (not a test).

Run from the repository root, after `bench/applications.py --fill-only` (it reads that database):

    .venv/bin/python bench/instructions.py [--requests N] [PAGE ...]

PAGE is one of: list, application, queue, staff, minimal (default: all). Each page runs in a Python
process of its own under `valgrind --tool=callgrind` with instrumentation off until the page has
been requested three times (a warm process: templates compiled, translations and URL patterns
loaded), then on for N requests (default 10) with Django's test client and the page cache off, as
the benchmark's cache-OFF server. It prints millions of instructions a request: unlike a time, the
count does not depend on the machine's load, so two versions of the code can be compared on a busy
machine (a change of 1–2% is within the spread that hash randomisation gives). Only this process is
counted, not PostgreSQL's or Redis's.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[0] = str(ROOT)  # not bench/: the portal's packages
PAGES = ("list", "application", "queue", "staff", "minimal")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pages", nargs="*", metavar="PAGE", help=" | ".join(PAGES))
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.requests, Path(args.workdir))
    unknown = set(args.pages) - set(PAGES)
    if unknown:
        parser.error(f"unknown page {', '.join(sorted(unknown))}; pages: {', '.join(PAGES)}")
    print(f"Instructions per request (millions), page cache off, {args.requests} requests after 3, callgrind:")
    with tempfile.TemporaryDirectory(prefix="bench-instructions-") as workdir:
        collect_static(Path(workdir))
        for page in args.pages or PAGES:
            print(f"  {page:12} {measure(page, args.requests, Path(workdir)):8.2f}", flush=True)
    return 0


def environment(workdir):
    from bench.applications import bench_database_url, bench_environment

    return {**os.environ, **bench_environment(bench_database_url(), workdir), "PAGE_CACHE_ENABLED": "false"}


def collect_static(workdir):
    """Once, at full speed: the manifest the templates' static URLs need (DEBUG is off)."""
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT,
                   env=environment(workdir), check=True)


def measure(page, requests, workdir):
    out = workdir / f"callgrind-{page}.out"
    command = ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}.%p",
               sys.executable, __file__, "--child", page, "--requests", str(requests), "--workdir", str(workdir)]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if run.returncode:
        sys.exit(f"{page}: exit status {run.returncode}\n{run.stderr[-3000:]}")
    dumps = sorted(workdir.glob(f"callgrind-{page}.out.*.1"))  # the dump taken after the requests
    if not dumps:
        sys.exit(f"{page}: no callgrind dump\n{run.stderr[-3000:]}")
    totals = [line for line in dumps[0].read_text().splitlines() if line.startswith(("summary:", "totals:"))]
    return int(totals[0].split()[1]) / requests / 1e6


def child(page, requests, workdir):
    os.environ.update(environment(workdir))
    import django

    django.setup()
    from bench.appbench.data import existing_fixture
    from bench.appbench.load import LIST_BY_STATUS, STAFF_QUEUE, logged_in_client

    fixture = existing_fixture()
    if fixture is None:
        sys.exit("No filled benchmark database: run bench/applications.py --fill-only first.")
    staff = fixture.staff.username
    path, username = {
        "list": (LIST_BY_STATUS, "bench"),
        "application": (f"/applications/{sorted(fixture.bench_pks)[-20]}/", "bench"),
        "queue": (STAFF_QUEUE, staff),
        "staff": ("/staff/", staff),
        "minimal": ("/bench/minimal/", "bench"),
    }[page]
    client = logged_in_client(fixture, username)
    for _ in range(3):
        if client.get(path).status_code != 200:
            sys.exit(f"{path}: not 200")
    _callgrind("--instr=on")
    for _ in range(requests):
        client.get(path)
    _callgrind("--dump")
    return 0


def _callgrind(option):
    """Ask callgrind (callgrind_control) to act on this process, and keep running meanwhile: it
    answers only while the process executes code."""
    control = subprocess.Popen(["callgrind_control", option, str(os.getpid())],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while control.poll() is None:
        sum(range(200))


if __name__ == "__main__":
    sys.exit(main())
