#!/usr/bin/env bash
# The soak: the API and three worker silos on a PostgreSQL server of its own (scripts/local-postgres.sh on a free
# port and a data folder under /var/tmp, removed afterwards), a faulty receiver (10 % 500s, 5 % hangs), thousands
# of users and schedules edited, paused and deleted along the way, and a chaos loop (kill -9, SIGTERM, PostgreSQL
# stopped hard) for --minutes; then a checker matches every occurrence that should have been delivered against
# what the receiver accepted, and exits non-zero on anything missing or copied without a fault to explain it.
#
#   scripts/soak.sh --minutes 30              # options: --schedules 1500 --users 300 --drain 180 --seed n
#   SOAK_TIMEOUT=900 scripts/soak.sh --minutes 3   # a hard limit on the whole run, in seconds (CI)
#
# The report is also written to artifacts/soak/soak-<time>.log.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

if [ "${SOAK_NO_BUILD:-}" != 1 ]; then
  dotnet build Reminders.sln -c Release -warnaserror --nologo -v quiet >&2
fi
mkdir -p artifacts/soak
log="artifacts/soak/soak-$(date -u +%Y%m%dT%H%M%SZ).log"
status=0
# SIGTERM first, so the soak program stops its silos and its PostgreSQL on the way out; SIGKILL 30 s later.
timeout --kill-after=30 "${SOAK_TIMEOUT:-$((60 * 60 * 24))}" \
  dotnet tests/Reminders.Soak/bin/Release/net10.0/Reminders.Soak.dll "$@" 2>&1 | tee "$log" || status=${PIPESTATUS[0]}
[ "$status" -eq 124 ] && echo "soak: stopped by the hard timeout of ${SOAK_TIMEOUT}s" | tee -a "$log"
exit "$status"
