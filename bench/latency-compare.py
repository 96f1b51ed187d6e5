#!/usr/bin/env python3
"""Side-by-side medians of rendered bench/latency.sh runs (python3 standard library only).

    bench/latency-compare.py NAME=bench/results/latency-<time>.json [NAME=...]...

Each JSON must have been rendered (latency.sh does it; it adds the per-task stages). Prints one
Markdown table: the overhead and create-request medians, then every stage row of latency.py,
per run and mode (upload, url), in milliseconds.
"""

import importlib.util
import json
import os
import statistics
import sys

spec = importlib.util.spec_from_file_location(
    "latency", os.path.join(os.path.dirname(os.path.abspath(__file__)), "latency.py"))
latency = importlib.util.module_from_spec(spec)
spec.loader.exec_module(latency)


def median_ms(xs):
    return "%.0f" % (1000 * statistics.median(xs)) if xs else "-"


def main(args):
    runs = []
    for arg in args:
        name, _, path = arg.partition("=")
        with open(path) as f:
            runs.append((name, json.load(f)))
    cols = [(name, mode) for name, data in runs for mode in data["runs"]]
    lines = ["| median of the steady-state tasks, ms | " +
             " | ".join("%s %s" % (n, m) for n, m in cols) + " |",
             "|---|" + "---:|" * len(cols)]

    def row(label, values):
        lines.append("| %s | %s |" % (label, " | ".join(values)))

    data = dict(runs)
    for key, label in [("overhead", "**overhead** (create→completed − engine_seconds)"),
                       ("engine", "engine_seconds"),
                       ("post_seconds", "create request (client)"),
                       ("other_cores", "other processes, cores (not ms)")]:
        vals = []
        for n, m in cols:
            xs = [r[key] for r in data[n]["runs"][m] if r.get(key) is not None]
            if key == "other_cores":
                vals.append("%.2f" % statistics.median(xs) if xs else "-")
            else:
                vals.append(median_ms(xs))
        row(label, vals)
    for key, _ in latency.STAGES:
        vals = []
        for n, m in cols:
            xs = [r["stages"][key] for r in data[n]["runs"][m]
                  if r.get("stages") and key in r["stages"]]
            vals.append(median_ms(xs))
        if any(v != "-" for v in vals):
            row(key, vals)
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1:])
