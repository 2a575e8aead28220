#!/usr/bin/env bash
# Runs a single-node Reminders cluster: the API host, which is also the gateway silo.
# Without ConnectionStrings__Reminders it starts a local PostgreSQL first (scripts/local-postgres.sh).
# Extra arguments go to the host, for example: scripts/run.sh --urls http://127.0.0.1:8080
# It runs in the Development environment unless ASPNETCORE_ENVIRONMENT says otherwise: there, without
# Reminders__Auth__Keys__*, the API is open to anyone (and says so at startup); elsewhere it needs keys.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

ConnectionStrings__Reminders=${ConnectionStrings__Reminders:-$(scripts/local-postgres.sh start)}
export ConnectionStrings__Reminders
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}

exec dotnet run --project src/Api -c Release -- "$@"
