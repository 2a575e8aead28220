#!/usr/bin/env bash
# A quick, real-time smoke measurement of the 09:00 herd on one API silo, until the benchmark harness
# (issue 5) replaces it: N users all due in the same minute, delivered to the built-in receiver.
# Prints the spread from the due instant to the last delivery, duplicates, PostgreSQL commits per
# delivery (pg_stat_database.xact_commit), and the silo's RSS and CPU time.
#
#   tests/perf/herd-smoke.sh 10000
#
# Uses its own database (reminders_herd) on the local server and its own ports; loopback only; stops itself.
set -euo pipefail
n=${1:-1000}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
admin=${ConnectionStrings__Reminders:-$(scripts/local-postgres.sh start)}
db=reminders_herd
port=5099
psql_() { python3 - "$admin" "$1" <<'PY'
import subprocess, sys
parts = dict(p.split("=", 1) for p in sys.argv[1].split(";") if p)
cmd = ["psql", "-h", parts.get("Host", "127.0.0.1"), "-p", parts.get("Port", "5432"), "-U", parts.get("Username", "postgres"),
       "-d", "postgres", "-X", "-A", "-t", "-q", "-c", sys.argv[2]]
print(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip())
PY
}
psql_ "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
psql_ "CREATE DATABASE $db" >/dev/null

# Due at the start of the minute after the users have been created (about 150 creates a second with curl).
lead=$(( 90 + n / 100 ))
due=$(date -u -d "+$lead seconds" +%H:%M)
dotnet build src/Api -c Release --nologo -v quiet >/dev/null
ConnectionStrings__Reminders="$(echo "$admin" | sed "s/Database=[^;]*/Database=$db/")" \
Reminders__Events__Birthday__LocalTime=$due Reminders__Cluster__ServiceId=herd Reminders__Cluster__ClusterId=herd \
Reminders__Cluster__SiloPort=11199 Reminders__Cluster__GatewayPort=30099 \
  dotnet src/Api/bin/Release/net10.0/Reminders.Api.dll --urls http://127.0.0.1:$port >/tmp/reminders-herd.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done

today=$(date -u -d "+$lead seconds" +%m-%d)
seq 1 "$n" | xargs -P 16 -I{} curl -s -o /dev/null -w '%{http_code}\n' -X POST "http://127.0.0.1:$port/api/v1/users" \
  -H 'content-type: application/json' \
  -d "{\"id\":\"h{}\",\"firstName\":\"H\",\"lastName\":\"U{}\",\"email\":\"h{}@example.com\",\"birthday\":\"1990-$today\",\"timezone\":\"UTC\"}" \
  | sort | uniq -c | sed 's/^/create responses: /'
while [ "$(date -u +%H:%M:%S)" \< "$due:00" ]; do sleep 0.2; done
before=$(psql_ "SELECT xact_commit FROM pg_stat_database WHERE datname = '$db'")
for _ in $(seq 1 300); do
  got=$(curl -s "http://127.0.0.1:$port/dev/webhook" | python3 -c "import json,sys; print(len(json.load(sys.stdin)['items']))")
  [ "$got" -ge "$n" ] && break
  sleep 1
done
sleep 12 # PostgreSQL publishes a backend's counters once it has been idle for a while
after=$(psql_ "SELECT xact_commit FROM pg_stat_database WHERE datname = '$db'")
curl -s "http://127.0.0.1:$port/dev/webhook" | python3 -c "
import json, sys
from datetime import datetime, timezone
items = json.load(sys.stdin)['items']
due = datetime.now(timezone.utc).replace(hour=int('$due'[:2]), minute=int('$due'[3:]), second=0, microsecond=0)
times = sorted(datetime.fromisoformat(i['receivedUtc']) for i in items)
keys = [i['idempotencyKey'] for i in items]
print(f'deliveries: {len(items)} of $n, unique keys {len(set(keys))}, duplicates {len(keys) - len(set(keys))}')
print(f'due {due:%H:%M:%S}Z; first +{(times[0] - due).total_seconds():.3f} s; last +{(times[-1] - due).total_seconds():.3f} s')
print(f'commits per delivery: {($after - $before) / max(len(items), 1):.2f} (includes background heartbeats)')
"
ps -o rss=,cputime= -p $pid | awk '{printf "silo RSS %.0f MiB, CPU time %s\n", $1/1024, $2}'
