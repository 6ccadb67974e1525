"""Settings of the applications benchmark (bench/applications.py): the portal's own settings, read
from the environment the benchmark sets (DEBUG off, PostgreSQL), plus the bench URLconf.

Only what plain HTTP on 127.0.0.1 needs is changed; everything that costs time per request
(middleware, templates, sessions in the database, manifest static files) stays as in production.
"""

from portal.settings import *  # noqa: F401,F403

ROOT_URLCONF = "bench.bench_urls"
# The benchmark talks plain HTTP to 127.0.0.1: no redirect to https, no HSTS.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_PROXY_SSL_HEADER = None
