#!/usr/bin/env bash
# Soak and fault test (issue #15): Redis with AOF and two bot instances on loopback, booking and FAQ load from
# simulated residents (SupportBot.Bench soak, bench/scripts/soak.json), and faults injected while it runs:
#   redis-kill    Redis killed with SIGKILL, restarted on the same data directory (it replays its AOF)
#   redis-pause   Redis frozen for 3 s (SIGSTOP, then SIGCONT): commands hang instead of failing
#   bot-kill      one instance killed with SIGKILL mid-turn (its leases are left behind), then started again
# Prints: confirmed bookings lost, double bookings, turns without a reply within 3 s outside the fault windows
# (all three must be 0), recovery after each fault, peak RSS. Exits non-zero when a must-be-0 figure is not 0.
#
#   bench/soak.sh [--short] [--duration S] [--fsync always|everysec] [--configuration Release|Debug] [--no-build] [--keep-logs]
#     --short   about 60 s, one round of faults (the test command runs this: scripts/test.sh)
#     default   300 s, three rounds of faults (the figures in docs/operations.md)
#     --fsync   Redis's appendfsync (default always). With everysec Redis may hold acknowledged writes in memory up
#               to ~2 s while a background fsync lags (a busy disk), so a kill -9 can lose them: see docs/redis.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

duration=300
rounds=3
fsync=always
config=Release
build=1
keep_logs=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --short) duration=60; rounds=1; shift ;;
    --duration) duration=$2; shift 2 ;;
    --fsync) fsync=$2; shift 2 ;;
    --configuration|-c) config=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --keep-logs) keep_logs=1; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "soak.sh: unknown option $1" >&2; exit 1 ;;
  esac
done

command -v redis-server >/dev/null || { echo "soak.sh: redis-server not found (apt-get install redis-server)" >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bot_dll=$root/src/SupportBot.Web/bin/$config/net10.0/SupportBot.Web.dll
bench_dll=$root/bench/SupportBot.Bench/bin/$config/net10.0/SupportBot.Bench.dll
if [[ $build == 1 ]]; then
  # Built once; every instance (and the restarted one) runs the same dll with `dotnet`, not `dotnet run`.
  dotnet build -c "$config" -v q -nologo "$root/src/SupportBot.Web/SupportBot.Web.csproj" >/dev/null
  dotnet build -c "$config" -v q -nologo "$root/bench/SupportBot.Bench/SupportBot.Bench.csproj" >/dev/null
fi

now_ms() { date +%s%3N; }
log() { echo "soak: $(date +%H:%M:%S) $*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

work=$(mktemp -d)
redis_port=$(free_port)
ports=("$(free_port)" "$(free_port)")
admin_key=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
redis_pid=
bot_pids=(0 0)
peak_bot_kb=0
peak_redis_kb=0

cleanup() {
  for pid in "${bot_pids[@]}"; do [[ $pid == 0 ]] || kill "$pid" 2>/dev/null || true; done
  if [[ -n $redis_pid ]]; then kill -CONT "$redis_pid" 2>/dev/null || true; kill "$redis_pid" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  if [[ $keep_logs == 1 ]]; then echo "soak: logs in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

# Peak RSS (VmHWM) of a process, read before it is killed or stopped; the highest over every process of its kind.
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
note_rss() {
  local kb
  for pid in "${bot_pids[@]}"; do
    [[ $pid == 0 ]] && continue
    kb=$(hwm_kb "$pid"); (( kb > peak_bot_kb )) && peak_bot_kb=$kb
  done
  if [[ -n $redis_pid ]]; then kb=$(hwm_kb "$redis_pid"); (( kb > peak_redis_kb )) && peak_redis_kb=$kb; fi
  return 0
}

start_redis() {
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$work" --save '' \
    --appendonly yes --appendfsync "$fsync" --logfile "$work/redis.log" &
  redis_pid=$!
  # PING answers -LOADING while the AOF is replayed: ready means PONG.
  for _ in $(seq 300); do [[ $(redis-cli -p "$redis_port" ping 2>/dev/null) == PONG ]] && return 0; sleep 0.05; done
  echo "soak.sh: redis-server did not start (see $work/redis.log)" >&2; exit 1
}

start_bot() { # instance index
  local i=$1
  env ASPNETCORE_ENVIRONMENT=Production \
    BotFramework__AllowAnonymous=true \
    ConnectionStrings__Redis="127.0.0.1:$redis_port" \
    Admin__ApiKey="$admin_key" \
    DirectLine__TokenSigningKey="soak-signing-key-$admin_key" \
    Limits__MessagesPerMinute=10000 \
    Booking__Capacity=2 \
    Booking__HorizonWeeks=12 \
    Logging__LogLevel__Default=Warning \
    dotnet "$bot_dll" --urls "http://127.0.0.1:${ports[$i]}" >>"$work/bot$i.log" 2>&1 &
  bot_pids[$i]=$!
}

wait_ready() { # instance index: /readyz answers 200 (started, Redis reachable), then one warm-up conversation
  local ready=0
  for _ in $(seq 2400); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${ports[$1]}/readyz" 2>/dev/null) == 200 ]] && { ready=1; break; }
    kill -0 "${bot_pids[$1]}" 2>/dev/null || { echo "soak.sh: instance $1 exited (see $work/bot$1.log)" >&2; tail -20 "$work/bot$1.log" >&2; exit 1; }
    sleep 0.05
  done
  [[ $ready == 1 ]] || { echo "soak.sh: instance $1 not ready after 120 s" >&2; exit 1; }
  # A booking and the FAQ questions once (as a load balancer's warm-up probe would): the instance counts as back
  # when every path has run once, not when it merely listens (the load reaches it from then on anyway).
  dotnet "$bench_dll" soak --warm --url "http://127.0.0.1:${ports[$1]}/api/messages" >/dev/null 2>&1 \
    || echo "soak.sh: instance $1 answered its warm-up conversation unexpectedly" >&2
}

fault() { echo "$1 $2 $3${4:+ $4}" >>"$work/faults"; }

start_redis
start_bot 0; start_bot 1
wait_ready 0; wait_ready 1
log "redis pid $redis_pid on $redis_port (AOF, appendfsync $fsync), instances on ${ports[*]}, ${duration} s of load"

dotnet "$bench_dll" soak --url "http://127.0.0.1:${ports[0]}/api/messages" --url "http://127.0.0.1:${ports[1]}/api/messages" \
  --duration "$duration" --admin-key "$admin_key" --faults "$work/faults" --capacity 2 --turns-out "$work/turns.jsonl" --warmup 5 \
  >"$work/report" 2>"$work/driver.log" &
driver=$!

# The faults, spread over the run: the load settles first, and each fault's recovery is over before the next one.
# Sleeps here are the schedule (when to inject, how long an outage lasts), not waits for a condition: those poll.
span=$(( duration / rounds ))
t0=$(date +%s)
at() { local wait=$(( t0 + $1 - $(date +%s) )); (( wait > 0 )) && sleep "$wait"; return 0; }
for (( r = 0; r < rounds; r++ )); do
  base=$(( r * span ))
  at $(( base + span * 10 / 100 ))
  note_rss
  start=$(now_ms); kill -9 "$redis_pid"; wait "$redis_pid" 2>/dev/null || true
  log "redis killed (SIGKILL)"
  sleep 2
  start_redis; end=$(now_ms)
  fault redis-kill "$start" "$end"; log "redis back from its AOF after $(( end - start )) ms"

  at $(( base + span * 30 / 100 ))
  note_rss
  start=$(now_ms); kill -STOP "$redis_pid"; log "redis paused (SIGSTOP)"
  sleep 3
  kill -CONT "$redis_pid"; end=$(now_ms)
  fault redis-pause "$start" "$end"; log "redis continued"

  at $(( base + span * 50 / 100 ))
  victim=$(( r % 2 ))
  note_rss
  start=$(now_ms); kill -9 "${bot_pids[$victim]}"; wait "${bot_pids[$victim]}" 2>/dev/null || true
  log "instance $victim killed (SIGKILL)"
  sleep 1
  start_bot "$victim"; wait_ready "$victim"; end=$(now_ms)
  fault "bot$victim-kill" "$start" "$end" "$victim"; log "instance $victim back after $(( end - start )) ms"
done

echo end >>"$work/faults"

# Peak RSS over the run, sampled while the load goes on.
while kill -0 "$driver" 2>/dev/null; do note_rss; sleep 1; done
set +e
wait "$driver"; status=$?
set -e
cat "$work/report"
[[ $status == 0 || $status == 3 ]] || { echo "soak.sh: the driver failed ($status):" >&2; tail -20 "$work/driver.log" >&2; }
echo "peak RSS: bot instance $(( peak_bot_kb / 1024 )) MiB, redis-server $(( peak_redis_kb / 1024 )) MiB"
echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ $status != 0 ]]; then echo "soak.sh: FAILED (a must-be-0 figure is not 0)"; exit 1; fi
echo "soak.sh: passed"
