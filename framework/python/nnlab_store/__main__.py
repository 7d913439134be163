"""python3 -m nnlab_store STORE [--series] [--csv] [--columns all]

Prints the runs of an nnlab store as a table (label, seed, status, iterations, the config
keys that vary between runs, the final value of each series); --series prints the long
table of every series instead; --csv writes CSV instead of the aligned table.
"""

import argparse
import sys

try:
    import pandas as pd

    from . import StoreError, runs, series
except ImportError as missing:
    print(f"nnlab_store: error: {missing}", file=sys.stderr)
    sys.exit(2)


def _varying(frame):
    """The config columns whose value differs between runs (the sweep's keys)."""
    fixed = {"label", "seed", "status", "iterations", "best_iteration", "wall_time_s", "message"}
    return [c for c in frame if "." in c and c not in fixed and frame[c].astype(str).nunique() > 1]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m nnlab_store",
                                     description="Print the runs of an nnlab store (runs.h5).")
    parser.add_argument("store", help="a store, e.g. results/momentum/runs.h5")
    parser.add_argument("--series", action="store_true",
                        help="print the long table of every series (run_id, series, iteration, value)")
    parser.add_argument("--csv", action="store_true", help="write CSV instead of a table")
    parser.add_argument("--columns", choices=("summary", "all"), default="summary",
                        help="summary: the varying config keys only (default); all: every key")
    args = parser.parse_args(argv)
    try:
        table = series(args.store) if args.series else runs(args.store)
    except StoreError as error:
        print(f"nnlab_store: error: {error}", file=sys.stderr)
        return 2
    if not args.series and args.columns == "summary" and not table.empty:
        keep = [c for c in ("label", "seed", "status", "iterations") if c in table]
        keep += _varying(table) + [c for c in table if c.startswith("final_")]
        table = table[keep]
    if args.csv:
        table.to_csv(sys.stdout, index=not args.series)
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None,
                               "display.width", 200):
            print(table.to_string(index=not args.series))
    return 0


if __name__ == "__main__":
    sys.exit(main())
