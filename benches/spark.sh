#!/usr/bin/env bash
# The panel checked inside Spark: the SQL `yoy sql --dialect spark` writes,
# run on a local Spark (PySpark from PyPI, which ships Spark; Java 17), against
# `yoy check --rows` on the same panel: the counts and every row's verdicts
# identical, then both timed.
#
#   benches/spark.sh [SIZE]        SIZE: 100k | 1m | 10m (default: 1m)
#
#   YOY=path           the yoy binary (default: target/release/yoy, built if
#                      missing)
#   SPARK_REMOTE=sc://host:15002   run on a Spark Connect server (a cluster)
#                      instead of a local session; the panel's path must then be
#                      readable by the cluster (e.g. s3a://..., or --table with
#                      `yoy sql --table` for a table it already holds)
#
# Results go to stdout and to target/bench/spark.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-1m}
OUT=target/bench
mkdir -p "$OUT"
python3 -c 'import pyspark' 2>/dev/null || python3 -m pip install --quiet pyspark
YOY=${YOY:-target/release/yoy}
[ -x "$YOY" ] || cargo build --release --quiet --bin yoy
GEN_OWN=$OUT/gen_panel
[ "$GEN_OWN" -nt benches/gen_panel.rs ] || rustc -O --edition 2024 benches/gen_panel.rs -o "$GEN_OWN"
case "$SIZE" in
  100k) dims="40 102" ;; 1m) dims="200 205" ;; 10m) dims="400 1025" ;;
  *) echo "unknown size $SIZE (100k, 1m, 10m)" >&2; exit 2 ;;
esac
read -r ni nr <<< "$dims"
base="$OUT/panel_own_$SIZE"
[ -f "$base.csv" ] || "$GEN_OWN" --indicators "$ni" --regions "$nr" --years 26 --out "$base"
spec="$base.yaml"
sed "s#../datasets/panel.csv#$(pwd)/$base.csv#" specs/panel.yaml > "$spec"

"$YOY" sql "$spec" --dialect spark -o "$base.spark.sql"
start=$(date +%s.%N)
"$YOY" check "$spec" --rows "$base.rows.csv" --format json > "$base.yoy.json" || true
yoy_s=$(echo "$(date +%s.%N) - $start" | bc)
start=$(date +%s.%N)
python3 src/sql/run.py spark "$base.spark.sql" > "$base.spark.out" 2> "$base.spark.err"
spark_s=$(echo "$(date +%s.%N) - $start" | bc)

# The counts, and every row's verdict and reason, compared.
python3 - "$base.yoy.json" "$base.rows.csv" "$base.spark.out" <<'PY'
import csv, json, sys
report = json.load(open(sys.argv[1]))["reports"][0]["datasets"][0]
mine = {}
with open(sys.argv[2], newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        mine[(r["indicator"], r["region"], r["year"])] = (r["verdict"], r["reason"])
counts, rows = {}, {}
for line in open(sys.argv[3], encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("row:\t"):
        f = line.split("\t")[1:]
        rows[(f[0], f[1], f[2])] = (f[-2], f[-1])
    elif ": " in line:
        k, v = line.split(": ", 1)
        counts[k] = int(v)
for k in ["consistent", "inconsistent", "unverifiable"]:
    assert counts[k] == report[k], (k, counts[k], report[k])
for k in ["no_previous_year", "zero_base", "no_stated"]:
    assert counts[k] == report["unverifiable_by_reason"][k], k
assert rows == mine, "rows differ"
print(f"counts and all {len(rows)} rows identical: "
      f"{counts['consistent']} consistent, {counts['inconsistent']} inconsistent, {counts['unverifiable']} unverifiable")
PY
printf 'size\tengine\twall_s\n%s\tyoy\t%.2f\n%s\tspark-local\t%.2f\n' "$SIZE" "$yoy_s" "$SIZE" "$spark_s" | tee "$OUT/spark.tsv"
