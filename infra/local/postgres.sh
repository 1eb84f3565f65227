#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL server from the Debian `postgresql` package's binaries,
# for tests, benchmarks and development on machines without Docker.
#
#   infra/local/postgres.sh start [--fast]   start a server in a fresh temp dir on a free loopback port
#   infra/local/postgres.sh start --dir <dir> start a server in <dir> (named weerbaar-pg.*), keeping
#                                            the data a previous `stop --keep <dir>` left there
#   infra/local/postgres.sh stop <dir>       stop the server started in <dir> and delete <dir>
#   infra/local/postgres.sh stop --keep <dir> stop it and keep <dir> (prepared benchmark data)
#   infra/local/postgres.sh install          only install the Debian package when it is missing
#
# `start` prints, on stdout and nothing else:
#   postgresql://postgres@127.0.0.1:<port>/postgres      (the connection URL, first line)
#   PG_DIR=<dir>                                          (the server's temp dir)
#   PG_STOP=<this script> stop <dir>                     (how to stop it)
# and writes the same as shell assignments to <dir>/env (DATABASE_URL, PG_DIR, PG_STOP).
# Progress and errors go to stderr; the server log is <dir>/server.log.
#
# --fast turns durability off (fsync, synchronous_commit, full_page_writes): for tests only,
# never for benchmarks, whose figures would be meaningless without the per-commit flush.
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }
die() {
  log "$*"
  exit 1
}

script_path="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"

find_bin_dir() {
  # Newest installed major version first; Debian puts each major under its own directory.
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -V -r); do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

ensure_installed() {
  if find_bin_dir >/dev/null; then
    return 0
  fi
  [[ "$(id -u)" == 0 ]] || die "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin and not root: run 'apt-get install -y postgresql' first"
  log "installing the Debian postgresql package (one-off)"
  # The package would otherwise create and start a 'main' cluster on port 5432 that nobody uses.
  if [[ ! -e /etc/postgresql-common/createcluster.conf ]]; then
    mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
  fi
  [[ -n "${APT_LISTS_FRESH:-}" ]] || DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  find_bin_dir >/dev/null || die "postgresql installed but initdb/pg_ctl not found under /usr/lib/postgresql/*/bin"
}

# initdb refuses to run as root, so as root every server command runs as the `postgres` OS user.
as_server_user() {
  if [[ "$(id -u)" == 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

source "$(dirname "$script_path")/lib.sh"

start() {
  local fast=0 dir=""
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --fast) fast=1 ;;
      --dir)
        shift
        dir="${1:-}"
        [[ "$(basename "$dir")" == weerbaar-pg.* ]] || die "--dir needs a directory named weerbaar-pg.*"
        ;;
      *) die "unknown option for start: $1" ;;
    esac
    shift
  done

  ensure_installed
  local bin_dir port
  bin_dir="$(find_bin_dir)"
  if [[ -n "$dir" && -f "$dir/data/PG_VERSION" ]]; then
    log "starting the server kept in $dir"
    start_server "$bin_dir" "$dir"
    return
  fi
  if [[ -n "$dir" ]]; then mkdir -p "$dir"; else dir="$(mktemp -d /tmp/weerbaar-pg.XXXXXX)"; fi
  chmod 755 "$dir"
  if [[ "$(id -u)" == 0 ]]; then
    as_server_user true # creates the user when missing
    chown postgres: "$dir"
  fi

  as_server_user "$bin_dir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 \
    --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    as_server_user "$bin_dir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 \
      --no-locale >"$dir/initdb.log" 2>&1 ||
    die "initdb failed, see $dir/initdb.log"

  {
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = '$dir'"
    echo "max_connections = 300"
    echo "shared_buffers = 256MB"
    echo "log_min_messages = warning"
    if [[ $fast == 1 ]]; then
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
    fi
  } | as_server_user tee -a "$dir/data/postgresql.conf" >/dev/null

  start_server "$bin_dir" "$dir"
}

# Starts the server of <dir> on a free port and prints (and writes to <dir>/env) how to reach it.
start_server() {
  local bin_dir="$1" dir="$2" port
  # A port can be taken between choosing and binding it; try a few.
  local attempt
  for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    if as_server_user "$bin_dir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "-p $port" -w -t 60 \
      start >&2; then
      break
    fi
    [[ $attempt == 5 ]] && die "pg_ctl start failed, see $dir/server.log"
    log "start on port $port failed, retrying on another port"
  done

  local url="postgresql://postgres@127.0.0.1:$port/postgres"
  {
    echo "DATABASE_URL=$url"
    echo "PG_DIR=$dir"
    echo "PG_STOP='$script_path stop $dir'"
    echo "PG_BIN_DIR=$bin_dir"
  } >"$dir/env"
  echo "$url"
  echo "PG_DIR=$dir"
  echo "PG_STOP=$script_path stop $dir"
}

stop() {
  local keep=0
  if [[ "${1:-}" == --keep ]]; then
    keep=1
    shift
  fi
  local dir="${1:-}"
  [[ -n "$dir" ]] || die "usage: $0 stop [--keep] <dir>"
  # Refuse anything but a directory this script made, so a wrong argument cannot delete data.
  [[ "$(basename "$dir")" == weerbaar-pg.* && -d "$dir" ]] || die "not a directory made by this script: $dir"
  local bin_dir
  bin_dir="$(find_bin_dir)" || die "PostgreSQL binaries not found"
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    if [[ $keep == 1 ]]; then
      # A clean shutdown (checkpoint), so the next start needs no recovery.
      as_server_user "$bin_dir/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
      return
    fi
    as_server_user "$bin_dir/pg_ctl" -D "$dir/data" -m immediate -w stop >&2 || true
  fi
  [[ $keep == 1 ]] && return
  rm -rf "$dir"
}

case "${1:-}" in
  start)
    shift
    start "$@"
    ;;
  stop)
    shift
    stop "$@"
    ;;
  install) ensure_installed ;;
  *) die "usage: $0 start [--fast] [--dir <dir>] | stop [--keep] <dir> | install" ;;
esac
