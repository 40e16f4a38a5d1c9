#!/usr/bin/env bash
# Runs the storage tests against a throwaway redis-server on a free loopback port, then stops it.
# Usage: bash tests/SupportBot.Storage.Tests/with-redis.sh [extra dotnet test args]
# Needs redis-server on PATH (Debian/Ubuntu: apt-get install -y redis-server).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

if ! command -v redis-server >/dev/null; then
  echo "redis-server not found; install it (apt-get install -y redis-server)" >&2
  exit 1
fi

port="${SUPPORTBOT_TEST_REDIS_PORT:-}"
if [ -z "$port" ]; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 6390)
fi
dir="$(mktemp -d)"
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
stop() { if [ -f "$dir/redis.pid" ]; then kill "$(cat "$dir/redis.pid")" 2>/dev/null || true; fi; rm -rf "$dir"; }
trap stop EXIT

for _ in $(seq 50); do
  redis-cli -p "$port" ping >/dev/null 2>&1 && break
  sleep 0.1
done

SUPPORTBOT_TEST_REDIS="127.0.0.1:$port" dotnet test "$here" "$@"
