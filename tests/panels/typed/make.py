"""Writes the typed test datasets of tests/panels/typed/ (run once, from this
folder, with pyarrow installed; the files are committed). Each Parquet file
holds one column of a type yoy must refuse or read in a stated way; each CSV
file one cell yoy must refuse. A spec beside each names it."""

import datetime as dt
import decimal

import pyarrow as pa
import pyarrow.parquet as pq

KEYS = ["a", "a", "b", "b"]
YEARS = [2020, 2021, 2020, 2021]
VALUES = [100, 110, 50, 40]
STATED = [None, 10.0, None, -20.0]


def table(**override):
    cols = {
        "indicator": pa.array(KEYS),
        "year": pa.array(YEARS, pa.int32()),
        "value": pa.array(VALUES, pa.int64()),
        "stated_pct": pa.array(STATED, pa.float64()),
    }
    cols.update(override)
    return pa.table(cols)


def spec(name, path, kind=None):
    kind_line = f"    kind: {kind}\n" if kind else ""
    with open(f"{name}.yaml", "w") as f:
        f.write(
            f"# Written by make.py: {path} (see make.py for what it holds).\n"
            f"report: {{id: {name.replace('_', '-')}}}\n"
            "datasets:\n"
            "  typed:\n"
            f"    path: {path}\n"
            "    series: [indicator]\n"
            "    year: year\n"
            "    value: value\n"
            f"{kind_line}"
            "    stated_change: {column: stated_pct, decimals: 1}\n"
        )


def parquet(name, t, kind=None):
    pq.write_table(t, f"{name}.parquet")
    spec(name, f"{name}.parquet", kind)


D = decimal.Decimal
parquet("decimal_value", table(value=pa.array([D("100.00"), D("110.00"), D("50.00"), D("40.00")], pa.decimal128(22, 2))))
parquet("string_value", table(value=pa.array(["100", "110", "fifty", "40"])))
parquet("bool_value", table(value=pa.array([True, False, True, True])))
parquet("float_year", table(year=pa.array([2020.0, 2021.5, 2020.0, 2021.0])))
parquet("timestamp_year", table(year=pa.array([dt.datetime(y, 1, 1) for y in YEARS], pa.timestamp("us"))))
parquet("integer_keys", table(indicator=pa.array([7, 7, 12, 12], pa.int64())))
parquet("fractional_count", table(value=pa.array([100.0, 110.5, 50.0, 40.0])))
parquet("negative_count", table(value=pa.array([100, 110, -50, 40], pa.int64())))
parquet("nan_stated", table(stated_pct=pa.array([None, float("nan"), None, -20.0])))
parquet("float_amount", table(value=pa.array([100.0, 110.5, 50.0, 40.0])), kind="amount")


def csv(name, body, kind=None):
    with open(f"{name}.csv", "w") as f:
        f.write("indicator,year,value,stated_pct\n" + body)
    spec(name, f"{name}.csv", kind)


csv("inf_stated", "a,2020,100,\na,2021,110,inf\n")
csv("nan_stated_csv", "a,2020,100,\na,2021,110,NaN\n")
csv("huge_count", "a,2020,9007199254740993,\na,2021,9007199254740995,0.0\n")
csv("negative_count_csv", "a,2020,100,\na,2021,-110,10.0\n")
csv("open_quote_last_line", "a,2020,100,\n\"a,2021,110,10.0\n")
