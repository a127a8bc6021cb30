#!/usr/bin/env bash
# The panel benchmark: yoy and the Python Polars peer on the same panels, back to
# back in one run; wall time and peak memory of each whole process from
# /usr/bin/time; the counts and inconsistent rows checked before any timing.
#
#   benches/panel.sh [SIZE...]      SIZE: 100k | 1m | 10m   (default: 1m 10m)
#
#   GEN=own      panels from benches/gen_panel.rs (default; needs nothing else)
#   GEN=shared   panels from ../shared/bench/gen_panel.py, the project's yardstick
#                (needs python3 with numpy), whose counts the README quotes
#   RUNS=3       timed runs per job; the median is reported
#   PEER=path    the peer script (default ../shared/bench/peer_polars.py; skipped
#                when missing or when python3 cannot import polars)
#   BUILD=default   which builds of yoy to time, any of:
#                default  `cargo build --release`
#                fast     also Polars' SIMD kernels (`--features simd`, which needs
#                         std::simd: built with RUSTC_BOOTSTRAP=1) for x86-64-v3,
#                         as Polars' Python wheels are built; in target/fast
#
# With DuckDB's Python package, also times `yoy check --engine duckdb` (the
# SQL `yoy sql` writes, run inside DuckDB). Also times `yoy check specs/dgsn-2024.yaml` (20 runs). Results go to stdout and
# to target/bench/results.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
GEN=${GEN:-own}
RUNS=${RUNS:-3}
PEER=${PEER:-../shared/bench/peer_polars.py}
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1m 10m)
OUT=target/bench
mkdir -p "$OUT"
RESULTS="$OUT/results.tsv"

BUILD=${BUILD:-default}
declare -A YOYS
for build in $BUILD; do
  case "$build" in
    default) cargo build --release --quiet --bin yoy; YOYS[default]=target/release/yoy ;;
    fast)
      CARGO_TARGET_DIR=target/fast RUSTC_BOOTSTRAP=1 RUSTFLAGS="-C target-cpu=x86-64-v3" \
        cargo build --release --quiet --features simd --bin yoy
      YOYS[fast]=target/fast/release/yoy ;;
    *) echo "unknown build $build (default, fast)" >&2; exit 2 ;;
  esac
done
# Correctness is checked with the first build named.
YOY=${YOYS[${BUILD%% *}]}
# The generator needs only the standard library: compiled on its own, so that
# building it never rebuilds yoy's dependencies with other features.
GEN_OWN=$OUT/gen_panel
[ "$GEN_OWN" -nt benches/gen_panel.rs ] || rustc -O --edition 2024 benches/gen_panel.rs -o "$GEN_OWN"

have_peer=0
if [ -f "$PEER" ] && python3 -c 'import polars' 2>/dev/null; then have_peer=1; fi

dims() {
  case "$1" in
    100k) echo "40 102" ;;
    1m) echo "200 205" ;;
    10m) echo "400 1025" ;;
    *) echo "unknown size $1 (100k, 1m, 10m)" >&2; exit 2 ;;
  esac
}

# median of the numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# run CMD... RUNS times; print "median_wall_s median_peak_MiB"
timed() {
  local walls=() rss=()
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %M' -o "$OUT/time.txt" "$@" > /dev/null 2> "$OUT/stderr.txt" || true
    # (time adds a "Command exited with non-zero status" line when a claim fails)
    read -r w m < <(tail -n 1 "$OUT/time.txt")
    walls+=("$w"); rss+=("$m")
  done
  printf '%s %s\n' "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${rss[@]}" | median | awk '{printf "%.0f", $1/1024}')"
}

counts_from_json() {
  python3 -c '
import json, sys
d = json.load(sys.stdin)["reports"][0]["datasets"][0]; r = d["unverifiable_by_reason"]
for k, v in [("rows", d["rows"]), ("series", d["series"]), ("series_with_cagr", d["series_with_cagr"]),
             ("consistent", d["consistent"]), ("inconsistent", d["inconsistent"]), ("unverifiable", d["unverifiable"]),
             ("unverifiable_no_prev", r["no_previous_year"]), ("unverifiable_zero_prev", r["zero_base"]),
             ("unverifiable_no_stated", r["no_stated"])]:
    print(f"{k}: {v}")'
}

printf 'size\ttool\twall_s\tpeak_MiB\n' > "$RESULTS"
for size in "${SIZES[@]}"; do
  read -r ni nr <<< "$(dims "$size")"
  base="$OUT/panel_${GEN}_$size"
  if [ ! -f "$base.csv" ]; then
    echo "generating $base.csv ($GEN)" >&2
    if [ "$GEN" = shared ]; then
      python3 ../shared/bench/gen_panel.py --indicators "$ni" --regions "$nr" --years 26 --out "$base" > /dev/null
    else
      "$GEN_OWN" --indicators "$ni" --regions "$nr" --years 26 --out "$base"
    fi
  fi
  spec="$base.yaml"
  sed "s#../datasets/panel.csv#$(pwd)/$base.csv#" specs/panel.yaml > "$spec"

  # Correctness first: the exact counts, and the peer's inconsistent rows.
  "$YOY" check "$spec" --format json --inconsistent-rows "$base.yoy.csv" | counts_from_json > "$base.yoy.counts" || true
  if grep -v '^#' "$base.truth.txt" | grep -v '^series_with_cagr' > "$base.want" \
     && grep -v '^series_with_cagr' "$base.yoy.counts" | diff - "$base.want" > /dev/null; then
    echo "$size: counts match $base.truth.txt" >&2
  else
    echo "$size: COUNTS DIFFER from $base.truth.txt" >&2; diff "$base.yoy.counts" "$base.want" >&2 || true; exit 1
  fi
  if [ $have_peer = 1 ]; then
    python3 "$PEER" "$base.csv" "$base.peer.csv" > "$base.peer.counts"
    diff "$base.yoy.counts" "$base.peer.counts" > /dev/null && echo "$size: counts match the peer" >&2
    [ -f ../shared/bench/compare_outputs.py ] && python3 ../shared/bench/compare_outputs.py "$base.peer.csv" "$base.yoy.csv" >&2
  fi

  # Every other build gives the same report and rows, byte for byte.
  for build in $BUILD; do
    [ "${YOYS[$build]}" = "$YOY" ] && continue
    "$YOY" check "$spec" --format json > "$base.first.json" || true
    "${YOYS[$build]}" check "$spec" --format json --inconsistent-rows "$base.$build.csv" > "$base.$build.json" || true
    if cmp -s "$base.first.json" "$base.$build.json" && cmp -s "$base.yoy.csv" "$base.$build.csv"; then
      echo "$size: the $build build gives the same output" >&2
    else
      echo "$size: the $build build DIFFERS" >&2; exit 1
    fi
  done

  # Timing: each yoy build and the peer in turn, so all see the same machine.
  declare -A yw ym
  for build in $BUILD; do
    read -r yw[$build] ym[$build] <<< "$(timed "${YOYS[$build]}" check "$spec" --inconsistent-rows "$base.yoy.csv")"
    printf '%s\tyoy-%s\t%s\t%s\n' "$size" "$build" "${yw[$build]}" "${ym[$build]}" | tee -a "$RESULTS"
  done
  if [ $have_peer = 1 ]; then
    read -r pw pm <<< "$(timed python3 "$PEER" "$base.csv" "$base.peer.csv")"
    printf '%s\tpolars-peer\t%s\t%s\n' "$size" "$pw" "$pm" | tee -a "$RESULTS"
    for build in $BUILD; do
      awk -v yw="${yw[$build]}" -v pw="$pw" -v ym="${ym[$build]}" -v pm="$pm" -v s="$size" -v b="$build" \
        'BEGIN {printf "%s: yoy (%s build) takes %.2f of the peer'"'"'s wall time and %.2f of its peak memory\n", s, b, yw/pw, ym/pm}'
    done
  fi
  # The same checks inside DuckDB: the SQL `yoy sql` writes, run by its
  # Python package (counts only; tests/it/sql.rs compares every row).
  if python3 -c 'import duckdb' 2>/dev/null; then
    "$YOY" check "$spec" --engine duckdb --format json | counts_from_json | diff -q - "$base.yoy.counts" > /dev/null \
      && echo "$size: --engine duckdb gives the same counts" >&2
    read -r qw qm <<< "$(timed "$YOY" check "$spec" --engine duckdb)"
    printf '%s\tyoy-engine-duckdb\t%s\t%s\n' "$size" "$qw" "$qm" | tee -a "$RESULTS"
  fi
done

# A report's spec: whole process, small input.
RUNS=20 read -r dw dm <<< "$(RUNS=20 timed "$YOY" check specs/dgsn-2024.yaml)"
printf 'dgsn\tyoy\t%s\t%s\n' "$dw" "$dm" | tee -a "$RESULTS"
