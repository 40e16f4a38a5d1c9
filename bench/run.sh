#!/usr/bin/env bash
# Benchmark one bot with SupportBot.Bench: for every script x concurrency x repetition, start the
# bot (fresh process, so state starts empty and its peak RSS belongs to that run), wait for its
# port, run the load generator against it with --target-pid, stop it, append the result JSON
# line to --out. Optionally runs its own redis-server on a free loopback port (flushed before
# every run). Prints a median table at the end.
#
#   bench/run.sh [options] -- BOT COMMAND [ARGS...]
#
# The bot command must BE the bot process (it is exec'd, so its pid is the one measured):
#   -- env PORT=3979 STORAGE=memory node index.js              (the JS peer, with --cwd)
#   -- env BotFramework__AllowAnonymous=true dotnet src/SupportBot.Web/bin/Release/net10.0/SupportBot.Web.dll --urls http://127.0.0.1:3978
#      (Production refuses an anonymous /api/messages unless allowed; allowed, it serves loopback only)
# not `dotnet run` or `npm start` (those would measure a launcher). With --redis the command
# sees REDIS_PORT, REDIS_URL (redis://127.0.0.1:PORT) and REDIS_HOSTPORT (127.0.0.1:PORT);
# quote the command's $-references so they expand in the bot's shell:
#   -- bash -c 'exec env STORAGE=redis REDIS_URL=$REDIS_URL node index.js'
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bench/run.sh [options] -- BOT COMMAND [ARGS...]
  --url URL             bot endpoint (default http://127.0.0.1:3978/api/messages)
  --label TEXT          label for the result lines (default: bot)
  --scripts LIST        comma-separated scripts: names in bench/scripts or files (default booking,faq)
  --conversations LIST  comma-separated concurrencies (default 1,16,64)
  --duration S          measured seconds per run (default 15)
  --warmup S            warmup seconds per run (default 3)
  --repeat N            repetitions of the whole matrix (default 1)
  --redis               start redis-server on a free loopback port for the bot, flush it before each run
  --cwd DIR             working directory of the bot command (default: current)
  --out FILE            append result JSON lines here (default bench/results/<UTC date>-<label>.jsonl)
  --bench-arg ARG       extra load generator argument, repeatable (e.g. --bench-arg=--no-check-text)
  --quiet-max-wait S    before each run wait up to S s until other load is < 25 % of one core (default 60; 0 = don't)
  --max-foreign PCT     a run during which other load (other processes + steal) took more than PCT %
                        of one core is set aside in FILE.disturbed and re-run (default 25)
  --max-retries N       re-runs per configuration at most; the last attempt is kept anyway (default 2)
  --ready-timeout S     how long to wait for the bot's port (default 60)
  --no-build            don't (re)build the load generator
EOF
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
url=http://127.0.0.1:3978/api/messages
label=bot
scripts=booking,faq
convs=1,16,64
duration=15
warmup=3
repeat=1
use_redis=0
cwd=$PWD
out=
bench_args=()
quiet_max_wait=60
ready_timeout=60
max_foreign=25
max_retries=2
build=1

while [[ $# -gt 0 ]]; do
  case $1 in
    --url) url=$2; shift 2 ;;
    --label) label=$2; shift 2 ;;
    --scripts) scripts=$2; shift 2 ;;
    --conversations) convs=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --redis) use_redis=1; shift ;;
    --cwd) cwd=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --bench-arg=*) bench_args+=("${1#--bench-arg=}"); shift ;;
    --bench-arg) bench_args+=("$2"); shift 2 ;;
    --quiet-max-wait) quiet_max_wait=$2; shift 2 ;;
    --ready-timeout) ready_timeout=$2; shift 2 ;;
    --max-foreign) max_foreign=$2; shift 2 ;;
    --max-retries) max_retries=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; break ;;
    *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 1 ;;
  esac
done
[[ $# -gt 0 ]] || { echo "run.sh: no bot command after --" >&2; usage >&2; exit 1; }
bot_cmd=("$@")

out=${out:-$here/results/$(date -u +%F)-$label.jsonl}
mkdir -p "$(dirname "$out")"
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")

# host:port of the bot, for the readiness check.
hostport=${url#http://}; hostport=${hostport%%/*}
bot_host=${hostport%:*}; bot_port=${hostport##*:}
[[ $bot_port != "$hostport" ]] || bot_port=80

log() { echo "run.sh: $*" >&2; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

bench_dll=$here/SupportBot.Bench/bin/Release/net10.0/SupportBot.Bench.dll
if [[ $build == 1 ]]; then
  log "building the load generator (Release)"
  dotnet build "$here/SupportBot.Bench" -c Release -nologo -v quiet >&2
fi
[[ -f $bench_dll ]] || { echo "run.sh: $bench_dll missing (build it, or drop --no-build)" >&2; exit 1; }

bot_pid=
redis_pid=
redis_port=
redis_dir=

stop_bot() {
  [[ -n $bot_pid ]] || return 0
  if kill -0 "$bot_pid" 2>/dev/null; then
    kill -TERM "$bot_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$bot_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$bot_pid" 2>/dev/null || true
  fi
  wait "$bot_pid" 2>/dev/null || true
  bot_pid=
}

cleanup() {
  stop_bot
  if [[ -n $redis_port ]]; then
    redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
    redis_port=
  fi
  [[ -z $redis_dir ]] || rm -rf "$redis_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ $use_redis == 1 ]]; then
  command -v redis-server >/dev/null || { echo "run.sh: redis-server not found" >&2; exit 1; }
  for p in $(seq 6400 6499); do port_open 127.0.0.1 "$p" || { redis_port=$p; break; }; done
  [[ -n $redis_port ]] || { echo "run.sh: no free port in 6400-6499 for redis" >&2; exit 1; }
  redis_dir=$(mktemp -d)
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --dir "$redis_dir" --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/redis.log"
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  redis_pid=$(cat "$redis_dir/redis.pid")
  export REDIS_PORT=$redis_port REDIS_URL=redis://127.0.0.1:$redis_port REDIS_HOSTPORT=127.0.0.1:$redis_port
  log "redis-server pid $redis_pid on 127.0.0.1:$redis_port"
fi

# Busy CPU of the whole machine in % of one core over 2 s (user+nice+system+irq+softirq+steal).
machine_busy() {
  local a b
  a=($(head -1 /proc/stat)); sleep 2; b=($(head -1 /proc/stat))
  local busy=$(( (b[1]+b[2]+b[3]+b[6]+b[7]+b[8]) - (a[1]+a[2]+a[3]+a[6]+a[7]+a[8]) ))
  echo $(( busy * 100 / (2 * $(getconf CLK_TCK)) ))
}

# Between runs the bot is stopped, so whatever is busy now is somebody else's load.
wait_quiet() {
  [[ $quiet_max_wait -gt 0 ]] || return 0
  local waited=0 busy
  while :; do
    busy=$(machine_busy); waited=$((waited + 2))
    if [[ $busy -lt 25 ]]; then log "machine quiet (${busy}% of one core busy)"; return 0; fi
    if [[ $waited -ge $quiet_max_wait ]]; then log "machine still busy (${busy}% of one core) after ${waited}s; running anyway"; return 0; fi
    sleep 1
  done
}

# One run: fresh bot, load, stop. Sets result (summary lines + JSON line) and rc.
run_one() {
  local script=$1 n=$2
  [[ -z $redis_port ]] || redis-cli -p "$redis_port" flushall >/dev/null
  wait_quiet
  if port_open "$bot_host" "$bot_port"; then
    echo "run.sh: something already listens on $bot_host:$bot_port; stop it first" >&2; exit 1
  fi
  log "rep $rep: $label $script x $n: starting: ${bot_cmd[*]}"
  (cd "$cwd" && exec "${bot_cmd[@]}") >>"$out.bot.log" 2>&1 &
  bot_pid=$!
  local ready=0
  for _ in $(seq $((ready_timeout * 10))); do
    kill -0 "$bot_pid" 2>/dev/null || break
    if port_open "$bot_host" "$bot_port"; then ready=1; break; fi
    sleep 0.1
  done
  if [[ $ready != 1 ]]; then
    echo "run.sh: the bot did not listen on $bot_host:$bot_port (see $out.bot.log)" >&2; exit 1
  fi
  local args=(--url "$url" --conversations "$n" --script "$script" --duration "$duration" --warmup "$warmup"
              --target-pid "$bot_pid" --label "$label" --quiet)
  [[ -z $redis_pid ]] || args+=(--watch-pid "$redis_pid" --redis-info "127.0.0.1:$redis_port")
  rc=0
  result=$(dotnet "$bench_dll" "${args[@]}" "${bench_args[@]}") || rc=$?
  stop_bot
  if [[ $rc -gt 2 || $rc == 1 ]]; then echo "run.sh: load generator failed (exit $rc)" >&2; exit 1; fi
  sed '$d' <<<"$result" | sed 's/^/  /' >&2
}

IFS=, read -r -a script_list <<<"$scripts"
IFS=, read -r -a conv_list <<<"$convs"
runs=0
failed=0
for rep in $(seq "$repeat"); do
  for script in "${script_list[@]}"; do
    for n in "${conv_list[@]}"; do
      attempt=0
      while :; do
        run_one "$script" "$n"
        foreign=$(grep -o '"foreign_pct_of_one_core":[0-9.]*' <<<"$result" | cut -d: -f2 || true)
        foreign=${foreign%%.*}
        if [[ -n $foreign && $foreign -gt $max_foreign && $attempt -lt $max_retries ]]; then
          attempt=$((attempt + 1))
          log "other load took ${foreign}% of one core during the run: set aside, re-running ($attempt/$max_retries)"
          tail -n 1 <<<"$result" >>"$out.disturbed"
          continue
        fi
        break
      done
      [[ $rc == 0 ]] || failed=$((failed + 1))
      tail -n 1 <<<"$result" >>"$out"
      runs=$((runs + 1))
    done
  done
done

log "$runs runs, $failed with errors; results appended to $out"
dotnet "$bench_dll" --summarize "$out"
