#!/usr/bin/env bash
# Speed benchmark of the parcel import (issue 4):  deploy/bench/parcels.sh
#
# Publishes the CLI and the harness deploy/bench/parcels/ (ParcelBench) in Release, starts a throw-away PostgreSQL +
# PostGIS cluster, runs `guagou migrate` and `guagou seed --demo`, and then, side by side in one run:
#   1. parse  — writes a 10 000-parcel TXT (≈ 50 vertices each, 1 in 10 with a hole, CGCS2000 3° zone 40 with
#               prefix) and times TxtParcelSetReader.Read + ParcelSetValidator.Validate of the whole file;
#   2. commit — per run a new project area, upload and preview of the file, then the timed
#               ParcelImportService.CommitAsync (re-read, validate, PostGIS overlap check, replace, save);
#   3. ogr2ogr — the committed parcels exported as a shapefile and loaded into PostGIS with ogr2ogr, for the ratio;
#   4. overlap — 200 000 stored parcels with boundaries (generate.sql + parcels/boundaries.sql), then
#               ParcelOverlapChecker.FindAsync for one new parcel at a time.
# Prints a summary table. Exits non-zero if anything failed; missing a target is reported, not an error.
#
# Settings (environment): BENCH_PARCELS (10000), BENCH_VERTICES (50), BENCH_PARSE_REPEATS (5, the first is the
#   warm-up), BENCH_COMMIT_RUNS (3, after one warm-up run), BENCH_OGR_RUNS (3), BENCH_STORED (200000),
#   BENCH_OVERLAP_REPEATS (200), BENCH_KEEP=1 keeps the temporary directory (logs, TXT, shapefiles).
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$BENCH_DIR/../lib.sh"

PARCELS="${BENCH_PARCELS:-10000}"
VERTICES="${BENCH_VERTICES:-50}"
PARSE_REPEATS="${BENCH_PARSE_REPEATS:-5}"
COMMIT_RUNS="${BENCH_COMMIT_RUNS:-3}"
OGR_RUNS="${BENCH_OGR_RUNS:-3}"
STORED="${BENCH_STORED:-200000}"
OVERLAP_REPEATS="${BENCH_OVERLAP_REPEATS:-200}"
DATABASE=guagou_bench
PARSE_TARGET_MS=1000
COMMIT_TARGET_MS=5000
OVERLAP_TARGET_MS=20

ensure_base_packages

WORK="$(mktemp -d "${TMPDIR:-/tmp}/guagou-bench-parcels.XXXXXX")"
chmod 755 "$WORK"
cleanup() {
  pg_stop "$WORK" || true
  if [ -n "${BENCH_KEEP:-}" ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# --- build ------------------------------------------------------------------------------------------------------
# Published with their own artifacts path, so the run neither uses nor disturbs the checkout's bin/ and obj/.
log "publishing GuaGou.Cli and the ParcelBench harness (Release) to $WORK"
publish() { # PROJECT OUTPUT
  dotnet publish "$1" -c Release -nologo -v quiet -o "$WORK/$2" --artifacts-path "$WORK/artifacts" >"$WORK/publish-$2.log" 2>&1 \
    || { tail -30 "$WORK/publish-$2.log" >&2; die "dotnet publish $(basename "$1") failed"; }
}
publish "$REPO_ROOT/src/GuaGou.Cli/GuaGou.Cli.csproj" Cli
publish "$BENCH_DIR/parcels/ParcelBench.csproj" Bench
bench_tool() { dotnet "$WORK/Bench/parcel-bench.dll" "$@"; }

# --- database -----------------------------------------------------------------------------------------------------
PG_PORT="$(free_port 56532)"
pg_init_and_start "$WORK" "$PG_PORT"
ensure_database "$WORK" "$PG_PORT" "$DATABASE"
CONNECTION="$(connection_string "$WORK" "$PG_PORT" "$DATABASE")"
export PGPASSWORD="$(cat "$WORK/pg-password")"   # for psql and ogr2ogr (libpq)
PG_OGR="PG:host=127.0.0.1 port=$PG_PORT dbname=$DATABASE user=$PG_SUPERUSER"
bench_psql() {
  psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$PG_SUPERUSER" -d "$DATABASE" "$@"
}
ConnectionStrings__GuaGou="$CONNECTION" dotnet "$WORK/Cli/guagou.dll" migrate >"$WORK/cli.log" 2>&1 \
  || { cat "$WORK/cli.log" >&2; die "guagou migrate failed"; }
ConnectionStrings__GuaGou="$CONNECTION" dotnet "$WORK/Cli/guagou.dll" seed --demo >>"$WORK/cli.log" 2>&1 \
  || { cat "$WORK/cli.log" >&2; die "guagou seed --demo failed"; }

# "BENCH name key=value …" lines: the value of KEY on the line named NAME.
field() { # NAME KEY FILE
  sed -n "s/^BENCH $1 .* $2=\([^ ]*\).*/\1/p; s/^BENCH $1 $2=\([^ ]*\).*/\1/p" "$3" | tail -n 1
}
now_ms() { date +%s%3N; }

# Other work on the machine skews every figure: how busy the CPUs are before and after (2 s sample), load average.
cpu_busy_percent() {
  local a b
  a=($(head -n 1 /proc/stat)); sleep 2; b=($(head -n 1 /proc/stat))
  awk -v u="$(( (b[1]+b[2]+b[3]+b[6]+b[7]+b[8]) - (a[1]+a[2]+a[3]+a[6]+a[7]+a[8]) ))" \
      -v i="$(( (b[4]+b[5]) - (a[4]+a[5]) ))" 'BEGIN { printf "%.0f", (u + i) ? 100 * u / (u + i) : 0 }'
}
load_average() { cut -d ' ' -f 1-3 /proc/loadavg; }
BUSY_BEFORE="$(cpu_busy_percent)"
LOAD_BEFORE="$(load_average)"
[ "$BUSY_BEFORE" -le 10 ] || log "warning: the CPUs are already ${BUSY_BEFORE} % busy with other work (load average $LOAD_BEFORE) — the figures will be slower than on an idle machine"

# --- 1. parse -------------------------------------------------------------------------------------------------------
TXT="$WORK/parcels.txt"
log "writing $PARCELS parcels × $VERTICES vertices to $TXT"
bench_tool generate-txt "$TXT" "$PARCELS" "$VERTICES" >"$WORK/generate.out"
log "parse + validate, $PARSE_REPEATS runs (the first is the warm-up)"
bench_tool parse "$TXT" "$PARSE_REPEATS" >"$WORK/parse.out" || die "the generated file did not parse without errors"

# --- 2. commit ------------------------------------------------------------------------------------------------------
log "commit: one warm-up run, then $COMMIT_RUNS runs, each into a new project area"
bench_tool commit "$CONNECTION" "$TXT" "$((COMMIT_RUNS + 1))" >"$WORK/commit.out" || die "the commit benchmark failed"
KEPT="$(field commit kept_project "$WORK/commit.out")"
[[ "$KEPT" =~ ^150421-[0-9]{4}-[0-9]{3}$ ]] || die "the commit benchmark did not report its project (got: $KEPT)"
COMMITTED="$(bench_psql -tA -c "SELECT count(*) FROM guagou.parcels p JOIN guagou.project_areas pa ON pa.id = p.project_area_id
  WHERE pa.code = '$KEPT' AND p.boundary IS NOT NULL")"
[ "$COMMITTED" = "$PARCELS" ] || die "project $KEPT has $COMMITTED parcels with a boundary, expected $PARCELS"

# --- 3. ogr2ogr -----------------------------------------------------------------------------------------------------
# The committed parcels as shapefiles (attributes UTF-8): in CGCS2000 longitude/latitude, as stored, and in the TXT's
# projected system (EPSG:4528, zone 40 with prefix), which ogr2ogr then has to reproject as our import does.
log "exporting the $COMMITTED committed parcels of $KEPT as shapefiles"
mkdir -p "$WORK/shp"
EXPORT_SQL="SELECT p.code, p.name, p.land_class AS dlbm, p.declared_area::float8 AS area_m2, p.boundary
  FROM guagou.parcels p JOIN guagou.project_areas pa ON pa.id = p.project_area_id WHERE pa.code = '$KEPT' ORDER BY p.code"
ogr2ogr -f "ESRI Shapefile" "$WORK/shp/parcels_4490.shp" "$PG_OGR" -sql "$EXPORT_SQL" -nln parcels_4490 -lco ENCODING=UTF-8 \
  || die "ogr2ogr export failed"
ogr2ogr -f "ESRI Shapefile" "$WORK/shp/parcels_4528.shp" "$PG_OGR" -sql "$EXPORT_SQL" -nln parcels_4528 -lco ENCODING=UTF-8 \
  -t_srs EPSG:4528 || die "ogr2ogr export (EPSG:4528) failed"
SHP_KB="$(du -ck "$WORK"/shp/parcels_4490.* | tail -n 1 | cut -f 1)"

declare -A OGR_MEDIAN=()
# The cluster's superuser is called guagou, like the app's schema, so "$user" in the search path would put the table
# there: name the schema.
drop_ogr_table() { bench_psql -c "SET client_min_messages TO warning" -c "DROP TABLE IF EXISTS public.bench_ogr"; }
ogr_bench() { # LABEL SHAPEFILE [extra ogr2ogr options]
  local label="$1" shp="$2" run started elapsed count times=()
  shift 2
  for run in $(seq 1 "$OGR_RUNS"); do
    drop_ogr_table
    started="$(now_ms)"
    ogr2ogr -f PostgreSQL "$PG_OGR" "$shp" -nln bench_ogr -lco SCHEMA=public -lco GEOMETRY_NAME=geom -nlt PROMOTE_TO_MULTI "$@" \
      || die "ogr2ogr load of $shp failed"
    elapsed=$(( $(now_ms) - started ))
    count="$(bench_psql -tA -c "SELECT count(*) FROM public.bench_ogr WHERE geom IS NOT NULL")"
    [ "$count" = "$COMMITTED" ] || die "ogr2ogr loaded $count parcels, expected $COMMITTED"
    log "ogr2ogr $label run $run: $elapsed ms"
    times+=("$elapsed")
  done
  OGR_MEDIAN[$label]="$(printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')"
}
log "ogr2ogr: $OGR_RUNS loads of each shapefile into PostGIS (table dropped between runs)"
ogr_bench plain "$WORK/shp/parcels_4490.shp"
ogr_bench reprojected "$WORK/shp/parcels_4528.shp" -t_srs EPSG:4490
drop_ogr_table

# --- 4. overlap -----------------------------------------------------------------------------------------------------
log "generating $STORED stored parcels with boundaries (generate.sql + parcels/boundaries.sql)"
bench_psql -c "DELETE FROM guagou.project_areas WHERE code = '$KEPT'"
started=$SECONDS
bench_psql -tA -v projects=5000 -v parcels="$STORED" -v detail_parcels=500 -f "$BENCH_DIR/generate.sql" >"$WORK/generate-sql.out"
bench_psql -tA -F ' ' -f "$BENCH_DIR/parcels/boundaries.sql" >"$WORK/boundaries.out"
read -r N_STORED STORED_VERTICES STORED_AREA <<<"$(tail -n 1 "$WORK/boundaries.out")"
[ "$N_STORED" = "$STORED" ] || die "expected $STORED stored parcels with boundaries, found $N_STORED"
DB_SIZE="$(bench_psql -tA -c "SELECT pg_size_pretty(pg_database_size(current_database()))")"
log "data ready in $((SECONDS - started)) s: $N_STORED parcels, $STORED_VERTICES vertices and $STORED_AREA m² on average; database $DB_SIZE"
log "overlap check of one new parcel, $OVERLAP_REPEATS calls after 10 warm-up calls"
bench_tool overlap "$CONNECTION" "$OVERLAP_REPEATS" >"$WORK/overlap.out" || die "the overlap benchmark failed"

# --- summary --------------------------------------------------------------------------------------------------------
BUSY_AFTER="$(cpu_busy_percent)"
LOAD_AFTER="$(load_average)"
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v != "" && v + 0 <= t + 0) ? "yes" : "NO" }'; }
PARSE_MEDIAN="$(field parse median_ms "$WORK/parse.out")"
COMMIT_MEDIAN="$(field commit median_ms "$WORK/commit.out")"
OVERLAP_MEDIAN="$(field overlap median_ms "$WORK/overlap.out")"
OVERLAP_P95="$(field overlap p95_ms "$WORK/overlap.out")"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
commit_runs="$(sed -n 's/^BENCH commit_run .* warmup=0 .* commit_ms=\([^ ]*\).*/\1/p' "$WORK/commit.out" | paste -sd '/')"
commit_parts() { # KEY: that value of the measured runs, median
  sed -n "s/^BENCH commit_run .* warmup=0 .* $1=\([^ ]*\).*/\1/p" "$WORK/commit.out" | sort -n \
    | awk '{ v[NR] = $1 } END { if (NR) print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
ram="$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
cat <<TXT

GuaGou parcel import (issue 4) — $(date '+%Y-%m-%d %H:%M %Z')
machine:  $(nproc) cores, ${cpu:-unknown CPU}, $ram RAM; $(dotnet --version | sed 's/^/.NET SDK /'), $("$PG_BIN/postgres" --version), $(ogr2ogr --version | cut -d , -f 1)
other CPU use: ${BUSY_BEFORE} % before, ${BUSY_AFTER} % after; load average ${LOAD_BEFORE} before, ${LOAD_AFTER} after
file:     $(field generate parcels "$WORK/generate.out") parcels, $(field generate vertices "$WORK/generate.out") vertices, $(field generate holes "$WORK/generate.out") with a hole, $(( $(field generate bytes "$WORK/generate.out") / 1024 )) KiB (GBK TXT); shapefile $SHP_KB KiB
parse:    read $(field parse read_median_ms "$WORK/parse.out") ms + validate $(field parse validate_median_ms "$WORK/parse.out") ms (medians), process CPU time $(field parse cpu_median_ms "$WORK/parse.out") ms; steps, one run each: $(sed -n 's/^BENCH parse_breakdown //p' "$WORK/parse.out")
commit:   measured runs $commit_runs ms; medians: harness CPU time $(commit_parts cpu_ms) ms, SaveChanges $(commit_parts savechanges_ms) ms (EF SQL $(commit_parts ef_sql_ms) ms), overlap query for the whole file $(commit_parts overlap_query_ms) ms; upload $(commit_parts upload_ms) ms, preview $(commit_parts preview_ms) ms
ogr2ogr:  median ${OGR_MEDIAN[plain]} ms (EPSG:4490 shapefile), ${OGR_MEDIAN[reprojected]} ms (EPSG:4528 shapefile, -t_srs EPSG:4490)
stored:   $N_STORED parcels with boundaries ($STORED_VERTICES vertices, $STORED_AREA m² on average), database $DB_SIZE; $(field overlap with_overlap "$WORK/overlap.out") of $(field overlap calls "$WORK/overlap.out") new parcels overlapped stored ones;
          the overlap query for all $(field overlap file_parcels "$WORK/overlap.out") parcels of the layout at once takes $(field overlap file_median_ms "$WORK/overlap.out") ms against them ($(field overlap file_overlaps "$WORK/overlap.out") overlaps)

| What | runs | median | p95 | min | max | target | met |
|---|---|---|---|---|---|---|---|
| Parse + validate + both areas, $PARCELS parcels × $VERTICES vertices | $(field parse runs "$WORK/parse.out") | $PARSE_MEDIAN ms | — | $(field parse min_ms "$WORK/parse.out") ms | $(field parse max_ms "$WORK/parse.out") ms | ≤ $PARSE_TARGET_MS ms | $(verdict "$PARSE_MEDIAN" "$PARSE_TARGET_MS") |
| Commit (CommitAsync) of the same file | $(field commit runs "$WORK/commit.out") | $COMMIT_MEDIAN ms | — | $(field commit min_ms "$WORK/commit.out") ms | $(field commit max_ms "$WORK/commit.out") ms | ≤ $COMMIT_TARGET_MS ms | $(verdict "$COMMIT_MEDIAN" "$COMMIT_TARGET_MS") |
| ogr2ogr load of the same parcels (shapefile, EPSG:4490) | $OGR_RUNS | ${OGR_MEDIAN[plain]} ms | — | — | — | ratio | commit / ogr2ogr = $(ratio "$COMMIT_MEDIAN" "${OGR_MEDIAN[plain]}") |
| ogr2ogr load, projected shapefile reprojected to EPSG:4490 | $OGR_RUNS | ${OGR_MEDIAN[reprojected]} ms | — | — | — | ratio | commit / ogr2ogr = $(ratio "$COMMIT_MEDIAN" "${OGR_MEDIAN[reprojected]}") |
| Overlap check of one new parcel against $N_STORED stored | $(field overlap calls "$WORK/overlap.out") | $OVERLAP_MEDIAN ms | $OVERLAP_P95 ms | $(field overlap min_ms "$WORK/overlap.out") ms | $(field overlap max_ms "$WORK/overlap.out") ms | ≤ $OVERLAP_TARGET_MS ms | $(verdict "$OVERLAP_MEDIAN" "$OVERLAP_TARGET_MS") |
TXT
