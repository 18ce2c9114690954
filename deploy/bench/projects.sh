#!/usr/bin/env bash
# Load benchmark of the project pages (issue 3):  deploy/bench/projects.sh
#
# Builds the web app and the CLI in Release, starts a throw-away PostgreSQL + PostGIS cluster, fills it with
# 5 000 project areas and 200 000 parcels (generate.sql), signs in as the demo county clerk and runs wrk with
# 10 connections against the project list, a filtered list and the detail page of the one 500-parcel project.
# Prints client latency (wrk) and server time (the app's own request log) per URL: median, p95, p99.
# Exits non-zero if anything failed or any response was not 200; missing a target is reported, not an error.
#
# Settings (environment): BENCH_DURATION (per URL, default 20s), BENCH_WARMUP (per URL, default 5s),
#   BENCH_CONNECTIONS (10), BENCH_THREADS (2), BENCH_PROJECTS (5000), BENCH_PARCELS (200000),
#   BENCH_KEEP=1 keeps the temporary directory (logs, published app) after the run.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$BENCH_DIR/../lib.sh"

DURATION="${BENCH_DURATION:-20s}"
WARMUP="${BENCH_WARMUP:-5s}"
CONNECTIONS="${BENCH_CONNECTIONS:-10}"
THREADS="${BENCH_THREADS:-2}"
PROJECTS="${BENCH_PROJECTS:-5000}"
PARCELS="${BENCH_PARCELS:-200000}"
DETAIL_PARCELS=500
DATABASE=guagou_bench
USER_NAME=county-clerk
PASSWORD=GuaGou-Demo-2026
LIST_TARGET_MS=150
DETAIL_TARGET_MS=100

ensure_base_packages
ensure_packages wrk curl

WORK="$(mktemp -d "${TMPDIR:-/tmp}/guagou-bench.XXXXXX")"
chmod 755 "$WORK"
APP_PID=""
cleanup() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  pg_stop "$WORK" || true
  if [ -n "${BENCH_KEEP:-}" ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# --- build ------------------------------------------------------------------------------------------------------
# Published with their own artifacts path, so the run neither uses nor disturbs the checkout's bin/ and obj/.
log "publishing GuaGou.Web and GuaGou.Cli (Release) to $WORK"
for project in Web Cli; do
  dotnet publish "$REPO_ROOT/src/GuaGou.$project/GuaGou.$project.csproj" -c Release -nologo -v quiet \
    -o "$WORK/$project" --artifacts-path "$WORK/artifacts" >"$WORK/publish-$project.log" 2>&1 \
    || { tail -30 "$WORK/publish-$project.log" >&2; die "dotnet publish GuaGou.$project failed"; }
done

# --- database -----------------------------------------------------------------------------------------------------
PG_PORT="$(free_port 56432)"
pg_init_and_start "$WORK" "$PG_PORT"
ensure_database "$WORK" "$PG_PORT" "$DATABASE"
ensure_roles "$WORK" "$PG_PORT" "$DATABASE"
bench_psql() {
  PGPASSWORD="$(cat "$WORK/pg-password")" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$PG_SUPERUSER" -d "$DATABASE" "$@"
}
# As deploy/run.sh: migrations as the owner role, everything else (seed, the web app) as the application role.
ConnectionStrings__GuaGou="$(connection_string "$WORK" "$PG_PORT" "$DATABASE" owner)" \
  dotnet "$WORK/Cli/guagou.dll" migrate --app-role "$APP_ROLE" >"$WORK/cli.log" 2>&1 || { cat "$WORK/cli.log" >&2; die "guagou migrate failed"; }
export ConnectionStrings__GuaGou="$(connection_string "$WORK" "$PG_PORT" "$DATABASE" app)"
dotnet "$WORK/Cli/guagou.dll" seed --demo >>"$WORK/cli.log" 2>&1 || { cat "$WORK/cli.log" >&2; die "guagou seed --demo failed"; }

log "generating $PROJECTS project areas and $PARCELS parcels"
started=$SECONDS
DETAIL_CODE="$(bench_psql -tA -v projects="$PROJECTS" -v parcels="$PARCELS" -v detail_parcels="$DETAIL_PARCELS" \
  -f "$BENCH_DIR/generate.sql" | tail -n 1)"
[[ "$DETAIL_CODE" =~ ^150421-[0-9]{4}-[0-9]{3}$ ]] || die "generate.sql did not report the detail project (got: $DETAIL_CODE)"
DATASET="$(bench_psql -tA -F ' ' -c "SELECT (SELECT count(*) FROM guagou.project_areas), (SELECT count(*) FROM guagou.parcels),
  (SELECT count(*) FROM guagou.stage_transitions), pg_size_pretty(pg_database_size(current_database()))")"
read -r N_PROJECTS N_PARCELS N_TRANSITIONS DB_SIZE DB_SIZE_UNIT <<<"$DATASET"
log "data ready in $((SECONDS - started)) s: $N_PROJECTS projects, $N_PARCELS parcels, $N_TRANSITIONS stage records, database $DB_SIZE $DB_SIZE_UNIT"

# --- web app ------------------------------------------------------------------------------------------------------
WEB_PORT="$(free_port 5180)"
BASE="http://127.0.0.1:$WEB_PORT"
APP_LOG="$WORK/app.log"
# Content root = the publish directory (its wwwroot is there); logs and data-protection keys stay in $WORK.
# The request log (one line per request, with its time) must be on whatever appsettings.json says.
KEY_CERTIFICATE="$(ensure_key_certificate "$WORK/secrets")"
(cd "$WORK/Web" && exec env GuaGou__LogDirectory="$WORK/logs" GuaGou__DataDirectory="$WORK" \
  GuaGou__DataProtection__Certificate="$KEY_CERTIFICATE" GuaGou__DemoMode=true \
  "Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware=Information" \
  dotnet GuaGou.Web.dll --urls "$BASE" --environment Production) >"$APP_LOG" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null && break
  kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$APP_LOG" >&2; die "the web app exited"; }
  sleep 0.5
done
curl -fsS -o /dev/null "$BASE/healthz" || { tail -30 "$APP_LOG" >&2; die "the web app did not become healthy"; }

# --- sign in ------------------------------------------------------------------------------------------------------
JAR="$WORK/cookies.txt"
login_page="$(curl -fsS -c "$JAR" -b "$JAR" "$BASE/account/login")"
token="$(grep -o '<input[^>]*name="__RequestVerificationToken"[^>]*>' <<<"$login_page" | head -n 1 | sed -n 's/.*value="\([^"]*\)".*/\1/p')"
[ -n "$token" ] || die "no antiforgery token on /account/login"
login_status="$(curl -sS -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" \
  --data-urlencode "_handler=login" --data-urlencode "__RequestVerificationToken=$token" \
  --data-urlencode "Input.UserName=$USER_NAME" --data-urlencode "Input.Password=$PASSWORD" "$BASE/account/login")"
[ "$login_status" = 302 ] || die "sign-in as $USER_NAME answered $login_status, expected a redirect"
# curl writes HttpOnly cookies as "#HttpOnly_host"; the auth cookie may be split into chunks (GuaGou.AuthC1, …).
COOKIE="$(awk -F '\t' '{ sub(/^#HttpOnly_/, "") } /^#/ || NF < 7 { next } { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$JAR")"
grep -q 'GuaGou\.Auth' <<<"$COOKIE" || die "no GuaGou.Auth cookie after sign-in"

LIST_URL="/projects"
FILTER_URL="/projects?stage=Implementation&year=2022"
DETAIL_URL="/projects/$DETAIL_CODE"

# Each page must render what the data says before it is timed.
fetch() { curl -fsS -H "Cookie: $COOKIE" --max-redirs 0 "$BASE$1"; }
declare -A PAGE_KB=()
for url in "$LIST_URL" "$FILTER_URL" "$DETAIL_URL"; do
  PAGE_KB[$url]="$(curl -fsS -o /dev/null -w '%{size_download}' -H "Cookie: $COOKIE" "$BASE$url" | awk '{ printf "%.0f", $1 / 1024 }')"
done
grep -q "共 $N_PROJECTS 个项目区" <<<"$(fetch "$LIST_URL")" || die "$LIST_URL does not show $N_PROJECTS projects"
filtered_total="$(bench_psql -tA -c "SELECT count(*) FROM guagou.project_areas WHERE stage = 5 AND year = 2022")"
grep -q "共 $filtered_total 个项目区" <<<"$(fetch "$FILTER_URL")" || die "$FILTER_URL does not show $filtered_total projects"
detail_html="$(fetch "$DETAIL_URL")"
grep -q "拆旧区地块（$((DETAIL_PARCELS - DETAIL_PARCELS / 5)) 块）" <<<"$detail_html" \
  && grep -q "建新区地块（$((DETAIL_PARCELS / 5)) 块）" <<<"$detail_html" \
  || die "$DETAIL_URL does not list its $DETAIL_PARCELS parcels"

# --- load -----------------------------------------------------------------------------------------------------------
# percentiles: numbers on stdin → "count p50 p95 p99" (nearest rank)
percentiles() {
  sort -n | awk '
    function at(p,  i) { i = int(p * NR / 100); if (i < p * NR / 100) i++; if (i < 1) i = 1; return v[i] }
    { v[NR] = $1 }
    END { if (NR == 0) print "0 - - -"; else printf "%d %.1f %.1f %.1f\n", NR, at(50), at(95), at(99) }'
}

declare -a ROWS=()
# Other work on the machine skews every figure: measure how busy the CPUs are while this app is idle (2 s sample).
cpu_busy_percent() {
  local a b
  a=($(head -n 1 /proc/stat)); sleep 2; b=($(head -n 1 /proc/stat))
  awk -v u="$(( (b[1]+b[2]+b[3]+b[6]+b[7]+b[8]) - (a[1]+a[2]+a[3]+a[6]+a[7]+a[8]) ))" \
      -v i="$(( (b[4]+b[5]) - (a[4]+a[5]) ))" 'BEGIN { printf "%.0f", (u + i) ? 100 * u / (u + i) : 0 }'
}
BUSY_BEFORE="$(cpu_busy_percent)"
[ "$BUSY_BEFORE" -le 10 ] || log "warning: the CPUs are already ${BUSY_BEFORE} % busy with other work — the figures will be slower than on an idle machine"
bench() { # LABEL URL TARGET_MS
  local label="$1" url="$2" target="$3" out path before
  log "$label: warm-up $WARMUP, then $DURATION with $CONNECTIONS connections, $THREADS threads — $url"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 10s -s "$BENCH_DIR/report.lua" -H "Cookie: $COOKIE" "$BASE$url" >/dev/null
  sleep 1
  before="$(wc -l <"$APP_LOG")"
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s "$BENCH_DIR/report.lua" -H "Cookie: $COOKIE" "$BASE$url")"
  sleep 1
  grep -v '^BENCH ' <<<"$out" >&2
  local line; line="$(grep '^BENCH ' <<<"$out")" || die "wrk printed no result for $url"
  field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $line"; }
  local requests rps p50 p95 p99 non200 first sockets
  requests="$(field requests)"; rps="$(field rps)"; p50="$(field p50_ms)"; p95="$(field p95_ms)"; p99="$(field p99_ms)"
  non200="$(field non200)"; first="$(field first_non200)"; sockets="$(field socket_errors)"
  [ "$non200" = 0 ] || die "$url: $non200 of $requests responses were not 200 (first: $first; 302 = the auth cookie was not accepted)"
  [ "$sockets" = 0 ] || die "$url: $sockets socket errors or timeouts"
  [ "$requests" -gt 0 ] || die "$url: no request completed"
  # Server time: the app logs "HTTP GET <path> → <status> in <ms> ms" per request (path without the query string).
  path="${url%%\?*}"
  local server
  server="$(tail -n +"$((before + 1))" "$APP_LOG" | { grep -aF "HTTP GET $path → 200 in " || true; } \
    | sed -n 's/.* in \([0-9.]*\) ms$/\1/p' | percentiles)"
  local s_count s50 s95 s99 verdict
  read -r s_count s50 s95 s99 <<<"$server"
  log "$label: server log has $s_count timed requests; server p50 $s50 ms, p95 $s95 ms, p99 $s99 ms"
  verdict="$(awk -v s="$s50" -v t="$target" 'BEGIN { print (s != "-" && s + 0 <= t + 0) ? "yes" : "NO" }')"
  ROWS+=("$(printf '| `%s` | %s | %s | %s | %s | %s | %s | %s | %s | ≤ %s ms | %s |' \
    "$url" "${PAGE_KB[$url]}" "$requests" "$rps" "$p50" "$p95" "$p99" "$s50" "$s95" "$target" "$verdict")")
}

bench "project list" "$LIST_URL" "$LIST_TARGET_MS"
bench "filtered list" "$FILTER_URL" "$LIST_TARGET_MS"
bench "project detail ($DETAIL_PARCELS parcels)" "$DETAIL_URL" "$DETAIL_TARGET_MS"

# --- summary --------------------------------------------------------------------------------------------------------
BUSY_AFTER="$(cpu_busy_percent)"
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
ram="$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
cat <<TXT

GuaGou project pages — $(date '+%Y-%m-%d %H:%M %Z')
machine:  $(nproc) cores, ${cpu:-unknown CPU}, $ram RAM; $(dotnet --version | sed 's/^/.NET SDK /'), $("$PG_BIN/postgres" --version)
dataset:  $N_PROJECTS project areas, $N_PARCELS parcels, $N_TRANSITIONS stage records ($DB_SIZE $DB_SIZE_UNIT); detail project $DETAIL_CODE
other CPU use (app idle): ${BUSY_BEFORE} % before the load, ${BUSY_AFTER} % after
load:     wrk, $CONNECTIONS connections, $THREADS threads, $DURATION per URL after $WARMUP warm-up; signed in as $USER_NAME
          client = wrk latency; server = the app's request log (time inside the ASP.NET Core pipeline); in ms

| URL | page KB | requests | req/s | client p50 | client p95 | client p99 | server p50 | server p95 | target (server median) | met |
|---|---|---|---|---|---|---|---|---|---|---|
TXT
printf '%s\n' "${ROWS[@]}"
