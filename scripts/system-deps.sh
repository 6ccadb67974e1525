#!/usr/bin/env bash
# Installs the Debian packages the portal needs when they are missing (issue 10: two commands on a
# fresh machine). Usage: scripts/system-deps.sh run|test|bench
#   run   what the running portal needs (GOST engine for native Streebog/GOST signatures, fonts for
#         the PDF receipts, gettext for the catalogue);
#   test  that plus what the test session drives or starts: Chromium, poppler, unzip, redis-server,
#         clamd and its tools;
#   bench that plus wrk, the load generator of bench/applications.py (a C client in its own process,
#         so the load does not take the servers' CPU as the Python-thread fallback does), and
#         valgrind, which bench/instructions.py counts a page's instructions with.
# As root it runs `apt-get update` once and installs; otherwise it prints the one command to run.
set -euo pipefail
profile="${1:-test}"

# "package:probe" pairs; the probe is a command on PATH, or dpkg: for a library package.
run_pkgs=(
  "libengine-gost-openssl:dpkg"
  "openssl:openssl"
  "fonts-dejavu-core:dpkg"
  "gettext:msgfmt"
  "flite:flite"
)
test_pkgs=(
  "chromium:chromium"
  "fonts-liberation:dpkg"
  "poppler-utils:pdftotext"
  "unzip:unzip"
  "redis-server:redis-server"
  "clamav-daemon:clamd"
  "clamav:sigtool"
  "npm:npm"
)
bench_pkgs=(
  "wrk:wrk"
  "valgrind:valgrind"
)
wanted=("${run_pkgs[@]}")
[ "$profile" = "test" ] || [ "$profile" = "bench" ] && wanted+=("${test_pkgs[@]}")
[ "$profile" = "bench" ] && wanted+=("${bench_pkgs[@]}")

missing=()
for pair in "${wanted[@]}"; do
  pkg="${pair%%:*}"; probe="${pair#*:}"
  if [ "$probe" = "dpkg" ]; then
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  else
    command -v "$probe" >/dev/null 2>&1 || missing+=("$pkg")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing Debian packages; run as root: apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "Installing from Debian: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# clamav-daemon's package starts its own daemon with the system database; the tests start a private one.
