"""Pages, query counts, gunicorn and the load generators (wrk or Python threads)."""
import datetime
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time

from bench.appbench.data import BENCH_USERNAME, ROOT

# --- pages -----------------------------------------------------------------------------------------

class Page:
    """role: "reference" (the minimal view), "target" or "info" (shown, no target). A target page must
    reach `on` times the minimal view's requests/s with the page cache on and `off` times with it off
    (every first visit, every visit after a change); `p95_off`: the 95th percentile latency (ms) with
    the cache off must stay under it."""

    def __init__(self, name, paths, username=None, role="target", *, on=0.50, off=None, p95_off=None):
        self.name, self.paths, self.username, self.role = name, paths, username, role
        self.on, self.off, self.p95_off = on, off, p95_off


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
        Page("list ?status&supply_type", [LIST_BY_STATUS], BENCH_USERNAME, off=0.15, p95_off=60),
        Page("list ?period&kind", ["/applications/" + period_query()], BENCH_USERNAME, off=0.15, p95_off=60),
        # What an applicant opens again and again: the pages of their latest applications.
        Page("application page (x20)", [f"/applications/{pk}/" for pk in sorted(fixture.bench_pks)[-20:]],
             BENCH_USERNAME, off=0.20),
        Page("staff queue (admin)", [STAFF_QUEUE], staff, off=0.12),
        Page("staff dashboard /staff/", ["/staff/"], staff, off=0.12),
        # All 1,000 in turn: mostly first visits, i.e. the cost of rendering the page (shown, no target).
        Page("application page (x1000)", [f"/applications/{pk}/" for pk in fixture.bench_pks], BENCH_USERNAME,
             role="info"),
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
        counts.append((name, queries_of(fixture, many_user, many_path), queries_of(fixture, few_user, few_path),
                       queries_of(fixture, many_user, many_path, page_cache=True),
                       milliseconds_of(fixture, many_user, many_path)))
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


def browser_cookies(fixture, username):
    if not username:
        return ""
    return f"sessionid={fixture.sessions[username]}; csrftoken={fixture.csrf_secrets[username]}"


def queries_of(fixture, username, path, *, page_cache=False):
    """The number of queries of one request, or the reason there is none (a broken page is reported,
    not fatal: the load phase then counts its errors too). Without the page cache by default: what
    rendering the page costs, which must not grow with the rows."""
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings

    client = logged_in_client(fixture, username)
    with override_settings(PAGE_CACHE_ENABLED=page_cache and settings.PAGE_CACHE_ENABLED):
        client.get(path)  # a warm process, as under load: per-process caches (content types, translations) filled
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    return len(captured.captured_queries)


def logged_in_client(fixture, username):
    from django.conf import settings
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.cookies[settings.SESSION_COOKIE_NAME] = fixture.sessions[username]
    client.cookies[settings.CSRF_COOKIE_NAME] = fixture.csrf_secrets[username]
    return client


def milliseconds_of(fixture, username, path, repeat=25):
    """The median time of one request in this process with the page cache off (no server, no network,
    no other clients): where a page's own work shows best. Only comparable within one run."""
    from django.test.utils import override_settings

    client = logged_in_client(fixture, username)
    timings = []
    with override_settings(PAGE_CACHE_ENABLED=False):
        client.get(path)
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


# --- server and load -------------------------------------------------------------------------------

class Gunicorn:
    def __init__(self, env, workdir, workers, *, page_cache=True):
        self.env = {**env, "PAGE_CACHE_ENABLED": "true" if page_cache else "false"}
        self.workers = workers
        self.log_path = workdir / f"gunicorn-cache-{'on' if page_cache else 'off'}.log"
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


MODES = ("on", "off")  # the page cache on, then off


def measure_pages(base_urls, fixture, args, workdir):
    """Every page in turn, in several rounds, each against the server with the page cache on and the
    one with it off (base_urls: {"on": url, "off": url}): a burst of load from elsewhere on the
    machine then weighs on all pages and both modes alike. Returns [(page, {"on": figures, "off": ...})]."""
    use_wrk = args.client == "wrk" or (args.client == "auto" and shutil.which("wrk"))
    load = WrkLoad(workdir) if use_wrk else ThreadLoad()
    pages = load_pages(fixture)
    print(f"Load: {load.label}, {args.clients} connections, {args.duration:g} s per page and cache mode in "
          f"{args.rounds} rounds (+{args.warmup:g} s warm-up), gunicorn {args.workers} sync workers per server, "
          f"{os.cpu_count()} CPUs, load average before: {os.getloadavg()[0]:.2f}", flush=True)
    runs = {(page.name, mode): [] for page in pages for mode in MODES}
    for round_number in range(args.rounds + (1 if args.warmup else 0)):
        warming = args.warmup and round_number == 0
        for page in pages:
            cookie = browser_cookies(fixture, page.username)
            for mode in MODES:
                figures = load.run(base_urls[mode], page.paths, cookie, args.clients,
                                   args.warmup if warming else args.duration / args.rounds)
                if not warming:
                    runs[page.name, mode].append(figures)
        if not warming:
            print(f"  round {round_number + (0 if args.warmup else 1)} (req/s on/off): " + ", ".join(
                f"{page.name.split(' (')[0]} " + "/".join(
                    f"{runs[page.name, mode][-1]['requests'] / runs[page.name, mode][-1]['seconds']:.0f}"
                    for mode in MODES) for page in pages), flush=True)
    return [(page, {mode: combine(runs[page.name, mode]) for mode in MODES}) for page in pages]


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
