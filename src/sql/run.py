#!/usr/bin/env python3
"""Runs the SQL `yoy sql` wrote on DuckDB or on a local Spark, and prints
what it gives: for each dataset, its counts (`name: n` lines, the first
`rows: n`) and every row of its rows relation (`row:` then the columns,
tab-separated). tests/it/sql.rs and benches/spark.sh compare it with
`yoy check --rows`; `yoy check --engine duckdb` reads it back.

usage: run.py duckdb|spark SCRIPT.sql [--no-rows | --inconsistent-rows]
(`yoy check --engine duckdb` runs it with --inconsistent-rows: the counts,
and only the rows it lists.)
Spark: a local session (PySpark from PyPI); SPARK_REMOTE=sc://host:15002
points it at a Spark Connect server (a cluster) instead.
"""
import os
import sys
import time

engine, path = sys.argv[1], sys.argv[2]
rows_too = "--no-rows" not in sys.argv
only_inconsistent = "--inconsistent-rows" in sys.argv
script = open(path, encoding="utf-8").read()
statements = []
for s in script.split(";\n"):
    body = "\n".join(l for l in s.splitlines() if not l.startswith("--")).strip()
    if body:
        statements.append(body)

if engine == "duckdb":
    import duckdb

    con = duckdb.connect()

    def run(q):
        cur = con.execute(q)
        if cur.description is None:
            return [], []
        return [d[0] for d in cur.description], cur.fetchall()
elif engine == "spark":
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("yoy-sql")
    if os.environ.get("SPARK_REMOTE"):
        spark = builder.remote(os.environ["SPARK_REMOTE"]).getOrCreate()
    else:
        spark = (builder.master("local[*]")
                 .config("spark.sql.ansi.enabled", "true")
                 .config("spark.ui.enabled", "false")
                 .getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")

    def run(q):
        df = spark.sql(q)
        return df.columns, [tuple(r) for r in df.collect()]
else:
    sys.exit(f"unknown engine {engine}")

start = time.time()
for body in statements:
    names, rows = run(body)
    if body.upper().startswith("SELECT"):
        for name, value in zip(names, rows[0]):
            print(f"{name}: {value}")
        if rows_too:
            relation = body.rsplit("FROM", 1)[1].strip()
            cols, _ = run(f"SELECT * FROM {relation} LIMIT 0")
            keep = [c for c in cols if c != "first_year"]
            q = "`" if engine == "spark" else '"'
            where = ""
            if only_inconsistent:
                tests = [f"{q}{c}{q} = 'inconsistent'" for c in ("verdict", "share_verdict") if c in cols]
                where = " WHERE " + " OR ".join(tests)
            _, data = run(f"SELECT {', '.join(q + c + q for c in keep)} FROM {relation}{where}")
            for row in data:
                print("row:\t" + "\t".join("" if v is None else str(v) for v in row))
print(f"# seconds: {time.time() - start:.2f}", file=sys.stderr)
