#!/usr/bin/env bash
# Runs a command with REDIS_URL pointing at a private, throwaway redis-server on a free loopback port,
# stopped when the command ends (the machine's own Redis is never used or needed).
set -euo pipefail
command -v redis-server >/dev/null || { echo "redis-server is missing: scripts/system-deps.sh test" >&2; exit 1; }
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" \
  --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
trap 'kill "$(cat "$dir/redis.pid")" 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
REDIS_URL="redis://127.0.0.1:$port/0" "$@"
