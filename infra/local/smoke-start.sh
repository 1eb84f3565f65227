#!/usr/bin/env bash
# Smoke test of the README's path on a built tree: `npm start` on a fresh data directory, the web
# app at / and its development sign-in, a token from the CLI, an RIEC contact set by an admin,
# three threats recorded with curl, then the risk picture and the threat-cluster escalation must
# show, and its mail must be in the outbox (no SMTP_URL). Exits non-zero when any step fails.
#
#   infra/local/smoke-start.sh [--distributed]
#
# --distributed does the same against `npm run start:distributed` (every service its own process
# behind nginx, PostgreSQL and Kafka from infra/local), and also checks its two lines on stdout,
# that a kafkajs consumer of its own sees each signal's event on the topic with its headers, and
# that SIGTERM stops every process it started.
set -euo pipefail
cd "$(dirname "$0")/../.."

source infra/local/lib.sh

data=$(mktemp -d)
port=$(free_port)
log="$data/platform.log"
distributed=false
[[ "${1:-}" == --distributed ]] && distributed=true
# npm runs the platform as a grandchild: the platform gets a process group of its own, and the
# whole group is stopped, or the platform would outlive this script. The distributed shape stops
# what it started itself on SIGTERM (PostgreSQL and Kafka run in sessions of their own).
cleanup() {
  if [[ -n "${pid:-}" ]]; then
    if $distributed; then kill -TERM "$pid" 2>/dev/null || true; else kill -- "-$pid" 2>/dev/null || true; fi
  fi
  wait 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

if $distributed; then
  chmod 755 "$data" # PostgreSQL runs as its own user when we are root
  WEERBAAR_DATA_DIR="$data" PORT="$port" setsid node scripts/start-distributed.js >"$data/stdout" 2>"$log" &
else
  WEERBAAR_DATA_DIR="$data" PORT="$port" setsid npm start >"$log" 2>&1 &
fi
pid=$!
base="http://127.0.0.1:$port"
wait_ready "$base" "$pid" "$log"

# The web app is served at / (its build is part of `npm start`'s), with its development sign-in.
curl -fsS "$base/" -H 'Accept: text/html' | grep -q '<div id="root">' ||
  { echo "the web app is not served at /"; exit 1; }
curl -fsS -X POST "$base/api/v1/dev/tokens" -H 'Content-Type: application/json' \
  -d '{"role":"coordinator","municipality":"GM0363"}' | grep -q '"token"' ||
  { echo "the development sign-in does not answer"; exit 1; }

coordinator=$(WEERBAAR_DATA_DIR="$data" npm run --silent cli -- token --role coordinator --municipality GM0363)
analyst=$(WEERBAAR_DATA_DIR="$data" npm run --silent cli -- token --role analyst --riec-region amsterdam)
admin=$(WEERBAAR_DATA_DIR="$data" npm run --silent cli -- token --role admin)

if $distributed; then
  for _ in $(seq 1 40); do grep -q '^DATABASE_URL=' "$data/stdout" && break; sleep 0.25; done
  grep -Eq '^KAFKA_BROKERS=127\.0\.0\.1:[0-9]+$' "$data/stdout" && grep -q '^DATABASE_URL=postgresql://' "$data/stdout" ||
    { cat "$data/stdout"; echo "start:distributed did not print KAFKA_BROKERS= and DATABASE_URL="; exit 1; }
else
  grep -q "outbox" "$log" || { cat "$log"; echo "the start message does not say where mail goes"; exit 1; }
fi
curl -fsS -X PUT "$base/api/v1/admin/riec-contacts/amsterdam" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' \
  -d '{"contacts":[{"name":"Anna Analist","email":"anna@riec.example"}]}' >/dev/null

for day in 1 2 3; do
  occurred=$(date -u -d "-$day days" +%Y-%m-%dT%H:%M:%SZ)
  curl -fsS -X POST "$base/api/v1/signals" -H "Authorization: Bearer $coordinator" \
    -H 'Content-Type: application/json' \
    -d "{\"municipality\":\"GM0363\",\"category\":\"THREAT\",\"subcategory\":\"ONLINE\",\"targetRole\":\"WETHOUDER\",\"severity\":3,\"occurredAt\":\"$occurred\",\"description\":\"Dreigende berichten\",\"policeReportFiled\":true,\"source\":\"DIRECT\"}" >/dev/null
done

for _ in $(seq 1 40); do
  escalations=$(curl -fsS "$base/api/v1/escalations" -H "Authorization: Bearer $analyst")
  echo "$escalations" | grep -q '"ruleId":"threat-cluster"' && break
  sleep 0.25
done
echo "$escalations" | grep -q '"ruleId":"threat-cluster"' || { echo "no threat-cluster escalation: $escalations"; exit 1; }
for _ in $(seq 1 40); do
  ls "$data"/outbox/*.eml >/dev/null 2>&1 && break
  sleep 0.25
done
mail=$(ls "$data"/outbox/*.eml 2>/dev/null | head -1)
[ -n "$mail" ] && grep -q "^To: anna@riec.example" "$mail" || { echo "no mail to the RIEC in $data/outbox"; exit 1; }
risk=$(curl -fsS "$base/api/v1/municipalities/GM0363/risk" -H "Authorization: Bearer $coordinator")
echo "$risk" | grep -q '"THREAT":3' || { echo "unexpected risk picture: $risk"; exit 1; }
shape=embedded
if $distributed; then
  shape=distributed
  # A consumer of its own sees the three signals' events on the topic, with their headers.
  KAFKA_BROKERS=$(sed -n 's/^KAFKA_BROKERS=//p' "$data/stdout") node infra/local/topic-events.js SignalRecorded 3 ||
    { echo "the signals' events are not on the topic with their headers"; exit 1; }
  kill -TERM "$pid"
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  ! kill -0 "$pid" 2>/dev/null || { echo "start:distributed did not stop on SIGTERM"; exit 1; }
  pid=
  # PostgreSQL, Kafka and nginx name the data directory in their arguments, the services in
  # their environment.
  left=$(
    pgrep -f "$data" || true
    for p in $(pgrep -f 'dist/apps/' || true); do
      tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qx "WEERBAAR_DATA_DIR=$data" && echo "$p"
    done
  )
  [[ -z "$left" ]] || { ps -o pid,args -p $left; echo "processes left after SIGTERM"; exit 1; }
fi
echo "smoke start ($shape): OK ($(echo "$risk" | grep -o '"score":[0-9.]*,"level":"[A-Z]*"'), threat-cluster escalation raised and mailed to the outbox)"
