# Throwaway Redis servers for the tests, on free loopback ports, without persistence. Sourced by
# scripts/test.sh (and usable by hand: `. scripts/lib/test-redis.sh; start_test_redis; start_test_cluster`).
#   start_test_redis    one redis-server          → exports SUPPORTBOT_TEST_REDIS=127.0.0.1:PORT
#   start_test_cluster  a three-master cluster    → exports SUPPORTBOT_TEST_REDIS_CLUSTER=127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3
#                       (plus SUPPORTBOT_TEST_REDIS_CLUSTER_SPARE=127.0.0.1:P4, a fourth node started with
#                       cluster mode on but not joined: the failover test makes it a replica)
#   stop_test_redis     stops every server these functions started and removes their directories
# Needs redis-server and redis-cli (Debian: apt-get install redis-server), and python3 for free ports.

test_redis_dirs=()

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# A cluster node's bus port is its port + 10000, so node ports must stay below 55536 and both must be free.
free_cluster_port() {
  local p
  while :; do
    p=$(python3 -c 'import socket,random
for _ in range(200):
    p=random.randint(20000,55000)
    ok=True
    for q in (p,p+10000):
        s=socket.socket()
        try: s.bind(("127.0.0.1",q))
        except OSError: ok=False
        finally: s.close()
    if ok: print(p); break')
    [ -n "$p" ] && { echo "$p"; return; }
  done
}

_start_redis_server() { # dir port extra-args…
  local dir=$1 port=$2; shift 2
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" "$@"
  for _ in $(seq 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "test-redis: redis-server on $port did not start (see $dir/redis.log)" >&2
  return 1
}

start_test_redis() {
  local dir port
  dir=$(mktemp -d); test_redis_dirs+=("$dir")
  port=$(free_port)
  _start_redis_server "$dir" "$port" || return 1
  export SUPPORTBOT_TEST_REDIS="127.0.0.1:$port"
}

start_test_cluster() {
  local ports=() dir port i
  for i in 1 2 3 4; do
    dir=$(mktemp -d); test_redis_dirs+=("$dir")
    port=$(free_cluster_port)
    _start_redis_server "$dir" "$port" --cluster-enabled yes --cluster-config-file "$dir/nodes.conf" \
      --cluster-node-timeout 2000 || return 1
    ports+=("$port")
  done
  redis-cli --cluster create "127.0.0.1:${ports[0]}" "127.0.0.1:${ports[1]}" "127.0.0.1:${ports[2]}" \
    --cluster-replicas 0 --cluster-yes >"${test_redis_dirs[-1]}/create.log" 2>&1 \
    || { echo "test-redis: redis-cli --cluster create failed:" >&2; cat "${test_redis_dirs[-1]}/create.log" >&2; return 1; }
  for _ in $(seq 200); do
    local ok=1
    for port in "${ports[@]:0:3}"; do
      redis-cli -p "$port" cluster info 2>/dev/null | grep -q 'cluster_state:ok' || ok=0
    done
    [ "$ok" = 1 ] && break
    sleep 0.1
  done
  [ "$ok" = 1 ] || { echo "test-redis: the cluster did not reach cluster_state:ok" >&2; return 1; }
  export SUPPORTBOT_TEST_REDIS_CLUSTER="127.0.0.1:${ports[0]},127.0.0.1:${ports[1]},127.0.0.1:${ports[2]}"
  export SUPPORTBOT_TEST_REDIS_CLUSTER_SPARE="127.0.0.1:${ports[3]}"
}

stop_test_redis() {
  local dir
  for dir in "${test_redis_dirs[@]}"; do
    [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
  done
  sleep 0.2
  for dir in "${test_redis_dirs[@]}"; do rm -rf "$dir"; done
  test_redis_dirs=()
}
