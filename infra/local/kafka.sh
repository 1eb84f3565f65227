#!/usr/bin/env bash
# Starts (or stops) a single-node Apache Kafka (KRaft: broker and controller in one process) on
# the machine's JDK, for tests, benchmarks and the distributed shape on machines without Docker.
#
#   infra/local/kafka.sh start [--dir <dir>]  start a broker in <dir> (kept data is reused), or in a
#                                            fresh temp dir; KAFKA_PORT picks the port (else free)
#   infra/local/kafka.sh stop [--keep] <dir>  stop the broker of <dir>; delete <dir> unless --keep
#   infra/local/kafka.sh status <dir>         exit 0 and print the address when it runs
#   infra/local/kafka.sh fetch                only fetch the broker's jars into the cache
#
# `start` prints on stdout only the bootstrap address, `127.0.0.1:<port>`, once the broker
# accepts connections and logged "Kafka Server started"; it writes <dir>/env with KAFKA_BROKERS,
# KAFKA_DIR and KAFKA_STOP. Progress and errors go to stderr; the broker's log is <dir>/server.log.
#
# The jars (Apache Kafka 4.4.0 and the slf4j binding to log4j2, ~45 jars, 43 MB) come from Maven
# Central through `mvn dependency:copy-dependencies` into ${XDG_CACHE_HOME:-~/.cache}/weerbaar,
# once. Data formatted by another Kafka version is wiped before the start.
set -euo pipefail

KAFKA_VERSION=4.4.0
LOG4J_SLF4J_VERSION=2.25.5
HEAP=${KAFKA_HEAP:-512m}

log() { echo "kafka.sh: $*" >&2; }
die() {
  log "$*"
  exit 1
}

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$script_dir/lib.sh"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/weerbaar/kafka-$KAFKA_VERSION"
libs="$cache/libs"

fetch_jars() {
  if [[ -f "$libs/.complete" ]]; then return 0; fi
  command -v mvn >/dev/null || die "Maven (mvn) is needed to fetch Kafka's jars"
  command -v java >/dev/null || die "a JDK (java) is needed to run Kafka"
  log "fetching Apache Kafka $KAFKA_VERSION from Maven Central into $cache (one-off)"
  mkdir -p "$cache"
  rm -rf "$libs"
  cat >"$cache/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>weerbaar.local</groupId>
  <artifactId>kafka-broker</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_2.13</artifactId>
      <version>$KAFKA_VERSION</version>
    </dependency>
    <dependency>
      <groupId>org.apache.logging.log4j</groupId>
      <artifactId>log4j-slf4j-impl</artifactId>
      <version>$LOG4J_SLF4J_VERSION</version>
    </dependency>
  </dependencies>
</project>
POM
  # Maven's output goes to stderr: stdout carries the bootstrap address alone.
  mvn -q -B -Dstyle.color=never -f "$cache/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$libs" >&2 ||
    die "mvn could not fetch the jars (see above)"
  ls "$libs"/kafka_2.13-"$KAFKA_VERSION".jar >/dev/null 2>&1 || die "kafka_2.13-$KAFKA_VERSION.jar missing"
  touch "$libs/.complete"
}

kafka_java() { java -Xms"$HEAP" -Xmx"$HEAP" -cp "$libs/*" "$@"; }

# The pid of the broker of <dir>, if its process still runs that broker (never another process
# that reused the pid).
broker_pid() {
  local dir=$1 pid
  [[ -f "$dir/kafka.pid" ]] || return 1
  pid=$(cat "$dir/kafka.pid")
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "kafka.Kafka $dir/server.properties" || return 1
  echo "$pid"
}

write_config() {
  local dir=$1 port=$2 controller_port=$3
  cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/logs
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  cat >"$dir/log4j2.properties" <<'LOG'
status = warn
appender.out.type = Console
appender.out.name = out
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.out.ref = out
logger.kafka.name = kafka
logger.kafka.level = info
logger.state.name = state.change.logger
logger.state.level = warn
LOG
}

start() {
  local dir=""
  while [[ $# -gt 0 ]]; do
    case $1 in
      --dir) dir=$2; shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  fetch_jars
  if [[ -z "$dir" ]]; then
    dir=$(mktemp -d "${TMPDIR:-/tmp}/weerbaar-kafka.XXXXXX")
  fi
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if broker_pid "$dir" >/dev/null; then die "a broker already runs in $dir"; fi

  local port=${KAFKA_PORT:-}
  if [[ -z "$port" && -f "$dir/port" ]]; then port=$(cat "$dir/port"); fi
  [[ -n "$port" ]] || port=$(free_port)
  local controller_port
  controller_port=$(free_port)
  echo "$port" >"$dir/port"

  if [[ -f "$dir/version" && "$(cat "$dir/version")" != "$KAFKA_VERSION" ]]; then
    log "data in $dir was formatted by Kafka $(cat "$dir/version"): wiping it"
    rm -rf "$dir/logs"
  fi
  write_config "$dir" "$port" "$controller_port"
  if [[ ! -f "$dir/logs/meta.properties" ]]; then
    rm -rf "$dir/logs"
    local cluster
    cluster=$(kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
    kafka_java kafka.tools.StorageTool format -t "$cluster" -c "$dir/server.properties" >>"$dir/server.log" 2>&1 ||
      { tail -n 20 "$dir/server.log" >&2; die "formatting the storage failed"; }
    echo "$KAFKA_VERSION" >"$dir/version"
  fi

  local offset
  offset=$(wc -c <"$dir/server.log" 2>/dev/null || echo 0)
  setsid java -Xms"$HEAP" -Xmx"$HEAP" -cp "$libs/*" \
    -Dlog4j2.configurationFile="$dir/log4j2.properties" \
    kafka.Kafka "$dir/server.properties" >>"$dir/server.log" 2>&1 </dev/null &
  echo $! >"$dir/kafka.pid"
  local pid=$!

  for _ in $(seq 1 240); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$dir/server.log" >&2
      die "the broker exited during start"
    fi
    if tail -c +"$((offset + 1))" "$dir/server.log" | grep -q "Kafka Server started" &&
      (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      {
        echo "KAFKA_BROKERS=127.0.0.1:$port"
        echo "KAFKA_DIR=$dir"
        echo "KAFKA_STOP=\"$script_dir/kafka.sh stop $dir\""
      } >"$dir/env"
      echo "127.0.0.1:$port"
      return 0
    fi
    sleep 0.25
  done
  tail -n 30 "$dir/server.log" >&2
  kill "$pid" 2>/dev/null || true
  die "the broker was not ready within 60 s"
}

stop() {
  local keep=false
  if [[ "${1:-}" == "--keep" ]]; then keep=true; shift; fi
  local dir=${1:-}
  [[ -n "$dir" && -d "$dir" ]] || die "usage: kafka.sh stop [--keep] <dir>"
  local pid
  if pid=$(broker_pid "$dir"); then
    kill -TERM "$pid"
    for _ in $(seq 1 120); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "the broker did not stop within 30 s: killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$dir/kafka.pid"
  if [[ "$keep" == false ]]; then rm -rf "$dir"; fi
}

status() {
  local dir=${1:-}
  [[ -n "$dir" ]] || die "usage: kafka.sh status <dir>"
  broker_pid "$dir" >/dev/null || { log "no broker runs in $dir"; return 1; }
  echo "127.0.0.1:$(cat "$dir/port")"
}

case ${1:-} in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  status) shift; status "$@" ;;
  fetch) fetch_jars ;;
  *) die "usage: kafka.sh start [--dir <dir>] | stop [--keep] <dir> | status <dir> | fetch" ;;
esac
