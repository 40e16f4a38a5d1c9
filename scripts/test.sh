#!/usr/bin/env bash
# Runs every SupportBot test on a fresh Debian machine with the .NET SDK:
#   1. installs what the tests need when it is missing (redis-server, chromium, fonts-noto-cjk,
#      and the npm test tooling in tests/browser),
#   2. starts a throwaway Redis on a free loopback port (SUPPORTBOT_TEST_REDIS) and a throwaway
#      three-master Redis Cluster (SUPPORTBOT_TEST_REDIS_CLUSTER), see scripts/lib/test-redis.sh,
#   3. runs `dotnet test` on the whole solution, prints "N passed, N failed, N skipped",
#   4. runs the short soak and fault test (bench/soak.sh --short, about 60 s: two instances and an AOF Redis under
#      booking and FAQ load, Redis killed, paused, an instance killed) unless arguments narrowed the run,
#   5. stops what it started. Any failed or skipped test, or a soak figure that must be 0 and is not, makes it exit non-zero.
# Usage: ./scripts/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Redis]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v curl >/dev/null || missing+=(curl)
command -v chromium >/dev/null || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Browser test tooling (official Web Chat bundle + playwright-core), reinstalled when the lock changes.
lock_sum=$(sha256sum tests/browser/package-lock.json | cut -d' ' -f1)
if [ ! -f tests/browser/node_modules/.lock-sum ] || [ "$(cat tests/browser/node_modules/.lock-sum)" != "$lock_sum" ]; then
  echo "test.sh: npm ci in tests/browser"
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_sum" > tests/browser/node_modules/.lock-sum
fi

# A Redis of our own on a free loopback port (SUPPORTBOT_TEST_REDIS) and a three-master Redis Cluster
# (SUPPORTBOT_TEST_REDIS_CLUSTER, plus a spare node for the failover test), all gone when the script ends.
. scripts/lib/test-redis.sh
trap stop_test_redis EXIT
start_test_redis || exit 1
start_test_cluster || exit 1

export SUPPORTBOT_CHROMIUM="$(command -v chromium)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log=$(mktemp)
set +e
dotnet test "$root/SupportBot.sln" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line over all test assemblies, e.g. "Tests: 250 passed, 0 failed, 0 skipped".
read -r passed failed skipped < <(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' \
  | awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
rm -f "$log"
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ]; then exit "$status"; fi
if [ "$passed" -eq 0 ]; then echo "test.sh: no test ran"; exit 1; fi
if [ "$skipped" -ne 0 ]; then echo "test.sh: skipped tests are not allowed"; exit 1; fi

# The soak and fault test, short form, on what dotnet test just built (Debug). Only on a full run: with a filter or
# other arguments the run was narrowed on purpose.
if [ $# -eq 0 ]; then
  echo "test.sh: soak and fault test (bench/soak.sh --short)"
  bench/soak.sh --short --configuration Debug --no-build
else
  echo "test.sh: soak and fault test not run (arguments given); run bench/soak.sh --short"
fi
