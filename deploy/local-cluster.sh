#!/usr/bin/env bash
# Starts a Reminders cluster of several silo processes on this host: the API silo plus N-1 worker
# silos, all against one PostgreSQL (a local one is started when ConnectionStrings__Reminders is unset).
# Logs go to .data/cluster/<silo>.log; stop everything with: deploy/local-cluster.sh stop
#
#   deploy/local-cluster.sh 3            # API on http://localhost:5000 + 2 workers
#
# Every silo must see the same Reminders__* settings; export them before running this script.
# The API runs in Development unless ASPNETCORE_ENVIRONMENT is set: open without Reminders__Auth__Keys__*.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
state="$repo/.data/cluster"
mkdir -p "$state"

if [ "${1:-}" = "stop" ]; then
  for pidfile in "$state"/*.pid; do
    [ -e "$pidfile" ] || continue
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
  exit 0
fi

silos=${1:-2}
api_url=${API_URL:-http://localhost:5000}
ConnectionStrings__Reminders=${ConnectionStrings__Reminders:-$(scripts/local-postgres.sh start)}
export ConnectionStrings__Reminders
# Workers have no receiver of their own: by default they deliver to the API's development receiver.
worker_webhook=${Reminders__Delivery__WebhookUrl:-$api_url/dev/webhook}

dotnet build Reminders.sln -c Release --nologo -v quiet
ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development} ASPNETCORE_URLS=$api_url Reminders__Cluster__SiloPort=11111 Reminders__Cluster__GatewayPort=30000 \
  setsid dotnet src/Api/bin/Release/net10.0/Reminders.Api.dll >"$state/api.log" 2>&1 &
echo $! >"$state/api.pid"
for i in $(seq 1 $((silos - 1))); do
  Reminders__Cluster__SiloPort=$((11111 + i)) Reminders__Cluster__GatewayPort=$((30000 + i)) Reminders__Delivery__WebhookUrl=$worker_webhook \
    setsid dotnet src/Silo/bin/Release/net10.0/Reminders.Silo.dll >"$state/worker-$i.log" 2>&1 &
  echo $! >"$state/worker-$i.pid"
done

for _ in $(seq 1 120); do
  curl -sf "$api_url/health/ready" >/dev/null && { echo "cluster of $silos silos ready: $api_url (dashboard: $api_url/dashboard)"; exit 0; }
  sleep 1
done
echo "the API did not become ready; see $state/api.log" >&2
exit 1
