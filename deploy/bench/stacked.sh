#!/usr/bin/env bash
# Worst case of the parcel import preview: parcels stacked on each other.  deploy/bench/stacked.sh
#
# Publishes the CLI and the harness deploy/bench/parcels/ (ParcelBench) in Release, starts a throw-away PostgreSQL +
# PostGIS cluster, runs `guagou migrate` and `guagou seed --demo`, then for each size (1 000 and 3 000 identical
# squares, one TXT each) uploads the file into a new project area and times ParcelImportService.PreviewAsync twice —
# the first preview (read, validate, in-file overlaps, PostGIS checks) and the second (from the preview cache) — in
# its own process, so that the peak working set reported is that size's. Prints a summary table; exits non-zero if
# anything failed; missing a target is reported, not an error.
#
# Settings (environment): BENCH_STACKED_SIZES ("1000 3000"), BENCH_STACKED_RUNS (5, after one warm-up run),
#   BENCH_KEEP=1 keeps the temporary directory (logs).
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$BENCH_DIR/../lib.sh"

SIZES="${BENCH_STACKED_SIZES:-1000 3000}"
RUNS="${BENCH_STACKED_RUNS:-5}"
DATABASE=guagou_bench
PREVIEW_TARGET_MS=2000   # for 1 000 stacked parcels

ensure_base_packages

WORK="$(mktemp -d "${TMPDIR:-/tmp}/guagou-bench-stacked.XXXXXX")"
chmod 755 "$WORK"
cleanup() {
  pg_stop "$WORK" || true
  if [ -n "${BENCH_KEEP:-}" ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

log "publishing GuaGou.Cli and the ParcelBench harness (Release) to $WORK"
publish() { # PROJECT OUTPUT
  dotnet publish "$1" -c Release -nologo -v quiet -o "$WORK/$2" --artifacts-path "$WORK/artifacts" >"$WORK/publish-$2.log" 2>&1 \
    || { tail -30 "$WORK/publish-$2.log" >&2; die "dotnet publish $(basename "$1") failed"; }
}
publish "$REPO_ROOT/src/GuaGou.Cli/GuaGou.Cli.csproj" Cli
publish "$BENCH_DIR/parcels/ParcelBench.csproj" Bench

PG_PORT="$(free_port 56542)"
pg_init_and_start "$WORK" "$PG_PORT"
ensure_database "$WORK" "$PG_PORT" "$DATABASE"
CONNECTION="$(connection_string "$WORK" "$PG_PORT" "$DATABASE")"
ConnectionStrings__GuaGou="$CONNECTION" dotnet "$WORK/Cli/guagou.dll" migrate >"$WORK/cli.log" 2>&1 \
  || { cat "$WORK/cli.log" >&2; die "guagou migrate failed"; }
ConnectionStrings__GuaGou="$CONNECTION" dotnet "$WORK/Cli/guagou.dll" seed --demo >>"$WORK/cli.log" 2>&1 \
  || { cat "$WORK/cli.log" >&2; die "guagou seed --demo failed"; }

field() { # KEY FILE: the value of KEY on the BENCH stacked line
  sed -n "s/^BENCH stacked .*[ ]$1=\([^ ]*\).*/\1/p" "$2" | tail -n 1
}
load_average() { cut -d ' ' -f 1-3 /proc/loadavg; }
LOAD_BEFORE="$(load_average)"

for size in $SIZES; do
  log "$size stacked parcels: one warm-up run, then $RUNS runs"
  dotnet "$WORK/Bench/parcel-bench.dll" stacked "$CONNECTION" "$size" "$((RUNS + 1))" >"$WORK/stacked-$size.out" \
    || die "the stacked benchmark ($size parcels) failed"
done

verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v != "" && v + 0 <= t + 0) ? "yes" : "NO" }'; }
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
cat <<TXT

GuaGou parcel import preview, stacked parcels — $(date '+%Y-%m-%d %H:%M %Z')
machine:  $(nproc) cores, ${cpu:-unknown CPU}; $(dotnet --version | sed 's/^/.NET SDK /'); load average $LOAD_BEFORE before, $(load_average) after

| Stacked parcels | file | runs | first preview, median | min | max | second preview (cached), median | errors listed | peak working set | target | met |
|---|---|---|---|---|---|---|---|---|---|---|
TXT
for size in $SIZES; do
  out="$WORK/stacked-$size.out"
  median="$(field median_ms "$out")"
  if [ "$size" = 1000 ]; then target="≤ $PREVIEW_TARGET_MS ms"; met="$(verdict "$median" "$PREVIEW_TARGET_MS")"; else target="—"; met="—"; fi
  echo "| $size | $(( $(field bytes "$out") / 1024 )) KiB | $(field runs "$out") | $median ms | $(field min_ms "$out") ms | $(field max_ms "$out") ms | $(field cached_median_ms "$out") ms | $(field errors "$out") | $(field peak_mb "$out") MiB | $target | $met |"
done
