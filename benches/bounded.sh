#!/usr/bin/env bash
# Panels larger than the memory a check may use: the same panel checked whole
# and in parts (`--memory`), inside a memory limit the whole check cannot fit
# in, the counts of the parts run checked against the generator's exact counts.
#
#   benches/bounded.sh [SIZE LIMIT MEMORY]...
#
#   SIZE     10m | 100m          the panel (benches/gen_panel.rs, as panel.sh)
#   LIMIT    e.g. 512M           the hard memory limit of the process (a cgroup)
#   MEMORY   e.g. 256MiB         what yoy is told it may use (--memory)
#
# default: 10m 512M 256MiB. The limit needs a writable cgroup memory controller
# (v1 under /sys/fs/cgroup/memory or v2 under /sys/fs/cgroup, as root); without
# one the runs are unlimited and only their peak memory is reported. Results go
# to stdout and to target/bench/bounded.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=target/bench
mkdir -p "$OUT"
RESULTS="$OUT/bounded.tsv"
[ $# -eq 0 ] && set -- 10m 512M 256MiB

cargo build --release --quiet --bin yoy
YOY=target/release/yoy
GEN_OWN=$OUT/gen_panel
[ "$GEN_OWN" -nt benches/gen_panel.rs ] || rustc -O --edition 2024 benches/gen_panel.rs -o "$GEN_OWN"

dims() {
  case "$1" in
    10m) echo "400 1025" ;;
    100m) echo "1000 4000" ;;
    *) echo "unknown size $1 (10m, 100m)" >&2; exit 2 ;;
  esac
}

bytes() { numfmt --from=iec "$1"; }

# Run CMD... inside a memory cgroup limited to $1 bytes; print "exit wall_s
# peak_RSS_MiB cgroup_peak_MiB". Peak RSS counts the pages of the mapped CSV file
# too; the cgroup's peak counts what the run itself was charged: its own memory,
# and the file's pages only when they were not cached before the run.
limited() {
  local limit=$1; shift
  local cg="" procs=""
  if [ -w /sys/fs/cgroup/memory ] && [ -d /sys/fs/cgroup/memory ]; then
    cg=/sys/fs/cgroup/memory/yoy-bench-$$
    mkdir -p "$cg" && echo "$limit" > "$cg/memory.limit_in_bytes"
    procs=$cg/cgroup.procs
  elif [ -f /sys/fs/cgroup/cgroup.controllers ] && [ -w /sys/fs/cgroup ]; then
    cg=/sys/fs/cgroup/yoy-bench-$$
    mkdir -p "$cg" && echo "$limit" > "$cg/memory.max"
    procs=$cg/cgroup.procs
  else
    echo "no writable memory cgroup: running without a limit" >&2
  fi
  local rc=0
  /usr/bin/time -f '%e %M' -o "$OUT/time.txt" \
    sh -c '[ -n "$0" ] && echo $$ > "$0"; exec "$@"' "$procs" "$@" > "$OUT/bounded.out" 2> "$OUT/bounded.err" || rc=$?
  local peak=-
  if [ -f "$cg/memory.max_usage_in_bytes" ]; then peak=$(( $(cat "$cg/memory.max_usage_in_bytes") / 1048576 ))
  elif [ -f "$cg/memory.peak" ]; then peak=$(( $(cat "$cg/memory.peak") / 1048576 )); fi
  [ -n "$cg" ] && rmdir "$cg" 2>/dev/null || true
  read -r w m < <(tail -n 1 "$OUT/time.txt")
  echo "$rc $w $((m / 1024)) $peak"
}

# The counts from the table's summary line. (The table lists 20 rows; JSON and
# the other file formats list every inconsistent row, which a bounded run keeps
# in memory: use --inconsistent-rows for those.)
counts_from_table() {
  python3 -c '
import re, sys
line = next(l for l in sys.stdin if l.startswith("dataset "))
n = [int(x.replace(" ", "").replace("\u202f", "")) for x in re.findall(r"\d[\d \u202f]*\d|\d", line.split(": ", 1)[1])]
rows, series, _cagr, c, i, u, np, zb, ns = n[:9]
for k, v in [("rows", rows), ("series", series), ("consistent", c), ("inconsistent", i), ("unverifiable", u),
             ("unverifiable_no_prev", np), ("unverifiable_zero_prev", zb), ("unverifiable_no_stated", ns)]:
    print(f"{k}: {v}")'
}

[ -f "$RESULTS" ] || printf 'size\trun\tlimit\texit\twall_s\tpeak_rss_MiB\tcgroup_peak_MiB\tcounts\n' > "$RESULTS"
while [ $# -ge 3 ]; do
  size=$1 limit=$2 memory=$3; shift 3
  read -r ni nr <<< "$(dims "$size")"
  base="$OUT/panel_own_$size"
  if [ ! -f "$base.csv" ]; then
    echo "generating $base.csv" >&2
    "$GEN_OWN" --indicators "$ni" --regions "$nr" --years 26 --out "$base"
  fi
  spec="$base.yaml"
  sed "s#../datasets/panel.csv#$(pwd)/$base.csv#" specs/panel.yaml > "$spec"
  grep -v '^#' "$base.truth.txt" | grep -v '^series_with_cagr' > "$base.want"
  for run in whole parts; do
    args=(check "$spec" --inconsistent-rows "$base.$run.inconsistent.csv")
    [ "$run" = parts ] && args+=(--memory "$memory")
    read -r rc w m cgm <<< "$(limited "$(bytes "$limit")" "$YOY" "${args[@]}")"
    verdict="-"
    # A run killed at the limit cannot remove its unfinished output file.
    [ "$rc" = 137 ] && rm -f "$OUT"/.panel_own_"$size".*.yoy-tmp-*
    if [ "$rc" = 0 ] || [ "$rc" = 1 ]; then
      # The counts, and one line per inconsistent row in the file (plus its header).
      want_rows=$(awk '/^inconsistent:/ {print $2 + 1}' "$base.want")
      if counts_from_table < "$OUT/bounded.out" | diff - "$base.want" > /dev/null \
         && [ "$(wc -l < "$base.$run.inconsistent.csv")" = "$want_rows" ]; then verdict=exact; else verdict=DIFFER; fi
    fi
    label=$run; [ "$run" = parts ] && label="--memory $memory"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$label" "$limit" "$rc" "$w" "$m" "$cgm" "$verdict" | tee -a "$RESULTS"
  done
done
