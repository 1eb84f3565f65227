#!/usr/bin/env bash
# Smoke test of the README's path on a built tree: `npm start` on a fresh data directory, the web
# app at / and its development sign-in, a token from the CLI, an RIEC contact set by an admin,
# three threats recorded with curl, then the risk picture and the threat-cluster escalation must
# show, and its mail must be in the outbox (no SMTP_URL). Exits non-zero when any step fails.
set -euo pipefail
cd "$(dirname "$0")/../.."

source infra/local/lib.sh

data=$(mktemp -d)
port=$(free_port)
log="$data/platform.log"
# npm runs the platform as a grandchild: the platform gets a process group of its own, and the
# whole group is stopped, or the platform would outlive this script.
cleanup() { [ -n "${pid:-}" ] && kill -- "-$pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT

WEERBAAR_DATA_DIR="$data" PORT="$port" setsid npm start >"$log" 2>&1 &
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

grep -q "outbox" "$log" || { cat "$log"; echo "the start message does not say where mail goes"; exit 1; }
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
echo "smoke start: OK ($(echo "$risk" | grep -o '"score":[0-9.]*,"level":"[A-Z]*"'), threat-cluster escalation raised and mailed to the outbox)"
