"""Subprocesses the delivery tests need: a private redis-server and a real Celery worker."""

import os
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

import redis

from notifications.testing import free_port, wait_until

PROJECT_DIR = Path(__file__).resolve().parents[2]


class RedisServer:
    """A throwaway redis-server without persistence that can be stopped and started on its port."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._process = None

    def start(self, timeout=10):
        self._process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_until(self.is_up, timeout=timeout, message=f"redis-server on port {self.port}")
        return self

    def stop(self):
        if self._process is not None:
            _end(self._process, group=False)
            self._process = None

    def is_up(self):
        return redis_is_up(self.url)


def redis_is_up(url):
    try:
        return redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping()
    except redis.RedisError:
        return False


def flush_redis(url):
    redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=2).flushdb()


def database_url(settings_dict):
    """A DATABASE_URL (portal.env's syntax) for the database Django is connected to."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(settings_dict['NAME']).resolve()}"
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    # The OPTIONS too (libpq's, and portal.env's prepared statements: "True", "None" read back as given).
    query = urlencode({key: value for key, value in settings_dict.get("OPTIONS", {}).items()})
    return (f"postgres://{credentials}{settings_dict.get('HOST') or ''}{port}/{settings_dict['NAME']}"
            f"{'?' + query if query else ''}")


class CeleryWorker:
    """`celery -A portal worker` as a subprocess of this test run, its log in `log_path`."""

    def __init__(self, *, env, log_path, pool="solo", concurrency=1, name="notifications-test"):
        self.env = {**os.environ, "PYTHONUNBUFFERED": "1", **env}
        self.log_path = Path(log_path)
        self.command = [
            sys.executable, "-m", "celery", "-A", "portal", "worker",
            f"--pool={pool}", f"--concurrency={concurrency}", "--loglevel=INFO",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
            f"--hostname={name}-{os.getpid()}@%h",
        ]
        self._process = None

    def start(self, timeout=30):
        log = self.log_path.open("wb")
        # Its own process group, so that stop() also ends the pool's children and nothing else.
        self._process = subprocess.Popen(self.command, cwd=PROJECT_DIR, env=self.env, stdout=log,
                                         stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        wait_until(self._ready, timeout=timeout, interval=0.1, message="the Celery worker to be ready")
        return self

    def _ready(self):
        if self._process.poll() is not None:
            raise AssertionError(f"The Celery worker exited with {self._process.returncode}:\n{self.log()}")
        return " ready." in self.log()

    def is_running(self):
        return self._process is not None and self._process.poll() is None

    def log(self):
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self):
        if self._process is not None:
            _end(self._process, group=True)
            self._process = None

    def kill(self):
        """SIGKILL to the worker and its pool at once, as the OOM killer or a lost machine would."""
        if self._process is not None:
            _signal(self._process, signal.SIGKILL, True)
            self._process.wait(timeout=10)
            self._process = None


def _end(process, *, group):
    """SIGTERM (warm shutdown), then SIGKILL if it lingers; only this process (and its group)."""
    if process.poll() is not None:
        return
    _signal(process, signal.SIGTERM, group)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        _signal(process, signal.SIGKILL, group)
        process.wait(timeout=10)


def _signal(process, signum, group):
    try:
        if group:
            os.killpg(process.pid, signum)
        else:
            process.send_signal(signum)
    except ProcessLookupError:
        pass
