#!/usr/bin/env bash
# Runs every test project against a throw-away PostgreSQL + PostGIS cluster and Debian's Chromium.
# Ends with one line "N passed, N failed" (CI reads it); exits non-zero if anything failed or did not run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_base_packages
ensure_packages chromium chromium-driver
ensure_frontend

DATA_ROOT="$(mktemp -d "${TMPDIR:-/tmp}/guagou-test.XXXXXX")"
chmod 755 "$DATA_ROOT"
RESULTS="$DATA_ROOT/results"
cleanup() {
  pg_stop "$DATA_ROOT" || true
  rm -rf "$DATA_ROOT"
}
trap cleanup EXIT

PG_PORT="$(free_port 55432)"
pg_init_and_start "$DATA_ROOT" "$PG_PORT"
# The superuser's: TestDatabase creates the owner and application roles itself (deploy/db-roles.sql, test passwords).
export GUAGOU_TEST_PG="$(connection_string "$DATA_ROOT" "$PG_PORT" postgres)"
export GUAGOU_CHROMIUM="${GUAGOU_CHROMIUM:-/usr/bin/chromium}"

log "building"
dotnet build "$REPO_ROOT/GuaGou.sln" -c Release -nologo -v quiet

log "running tests"
status=0
dotnet test "$REPO_ROOT/GuaGou.sln" -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$RESULTS" || status=$?

# Totals over all projects from the TRX files (one per test project).
passed=0; failed=0; files=0
for trx in "$RESULTS"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
expected_projects="$(find "$REPO_ROOT/tests" -name '*.Tests.csproj' | wc -l)"
if [ "$files" -lt "$expected_projects" ]; then
  log "only $files of $expected_projects test projects produced results (a test host crashed or did not start)"
  status=1
fi
[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed"
exit "$status"
