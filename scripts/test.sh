#!/usr/bin/env bash
# Runs the whole test suite against a real PostgreSQL server.
# Without ConnectionStrings__Reminders it starts a local one first (scripts/local-postgres.sh);
# tests create and drop their own databases on that server. Extra arguments go to 'dotnet test'.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

ConnectionStrings__Reminders=${ConnectionStrings__Reminders:-$(scripts/local-postgres.sh start)}
export ConnectionStrings__Reminders

# The deployment tests (tests/Reminders.Deploy.Tests) render and check deploy/ with these tools, and fail without them.
# Debian's kubectl is the kubernetes-client package (1.20; its built-in kustomize renders deploy/k8s too).
ensure_tool() { # command, Debian package
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "test: $1 not found; installing the Debian package $2" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$2" >&2
  command -v "$1" >/dev/null 2>&1 || { echo "test: $1 is still missing after apt-get install $2" >&2; exit 1; }
}
ensure_tool docker-compose docker-compose
ensure_tool kubectl kubernetes-client
ensure_tool promtool prometheus # also the prometheus server, for the live scrape test (tests/Reminders.Cluster.Tests)
# The console's browser tests (tests/Reminders.Console.Tests) drive Debian's headless Chromium through its chromedriver.
ensure_tool chromium chromium
ensure_tool chromedriver chromium-driver

results="$repo/artifacts/test-results"
rm -rf "$results"
dotnet build Reminders.sln -c Release -warnaserror --nologo -v quiet
status=0
dotnet test Reminders.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || status=$?

# The soak (scripts/soak.sh): real silo processes, chaos and a checker, on a PostgreSQL server of its own, bounded
# by a hard timeout. Not run by default yet: it finds a known bug (issue 15: an edit acknowledged right after a silo
# is killed can be lost to a stale duplicate activation), so it would fail CI until that is fenced. SOAK_MINUTES=3
# runs the 3-minute version after the tests.
if [ "${SOAK_MINUTES:-0}" != 0 ]; then
  SOAK_NO_BUILD=1 SOAK_TIMEOUT=${SOAK_TIMEOUT:-900} scripts/soak.sh --minutes "${SOAK_MINUTES}" || status=$?
fi

# One plain closing line for CI, summed over every test project.
python3 - "$results" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for trx in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(trx).getroot().find(".//{*}Counters")
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0))
    skipped += int(counters.get("notExecuted", 0))
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
