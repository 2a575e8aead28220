#!/usr/bin/env bash
# Runs the benchmark harness (tests/Reminders.Benchmarks): our service and the Quartz.NET and Hangfire peers on the
# same PostgreSQL server, against loopback receivers, and prints Markdown tables; results also go to
# artifacts/benchmarks/results-<time>.{md,json}. Bounded in count and time; loopback only; stops by itself.
#
#   scripts/benchmark.sh                                  # every scenario, N = 10,000, 10 min catch-up downtime
#   scripts/benchmark.sh --scenarios herd --n 100000      # one scenario, a bigger herd
#   scripts/benchmark.sh --downtime-seconds 120 --scale-m 1000000
#   scripts/benchmark.sh --scenarios recurring --systems reminders   # hourly schedules with a history: WAL bytes per delivery
#
# Uses ConnectionStrings__Reminders as the admin connection if set, otherwise starts the local server
# (scripts/local-postgres.sh). Each system and scenario gets its own database, dropped afterwards.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
export ConnectionStrings__Reminders="${ConnectionStrings__Reminders:-$(scripts/local-postgres.sh start)}"
dotnet build Reminders.sln -c Release --nologo -v quiet
exec dotnet tests/Reminders.Benchmarks/bin/Release/net10.0/Reminders.Benchmarks.dll "$@"
