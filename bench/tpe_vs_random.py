#!/usr/bin/env python3
"""TPE against random search at the same budget, over 10 search seeds.

usage: bench/tpe_vs_random.py [--runner build/ci/bin/runner] [--seeds 10] [--jobs 2]
                              [--out results/tpe_vs_random]

Runs experiments/tpe_search.yaml (sweep.mode: tpe) and its random twin (the same file with
mode: random and samples: warmup + batch x rounds, so both spend the same runs) with the
experiment seed, the search seed, set to 1..N. The twins draw the same first `warmup`
points (tpe's warm-up is random mode's first draws), so they part only where TPE starts
to propose. A point's objective is what tpe judges: the median over its seeds of the final
validation cost. For each search, the best objective so far after each point, against
the runs spent; then, at each budget, the median and the interquartile band over the
search seeds. Writes <out>/history.dat, <out>/tpe_vs_random.png and prints the table the
README quotes. Everything it runs is reproducible: the same command prints the same table.
"""
import argparse
import csv
import re
import statistics
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXPERIMENT = ROOT / "experiments" / "tpe_search.yaml"


def random_twin(text):
    """The tpe experiment as a random search of the same budget."""
    counts = {key: int(re.search(rf"^  {key}: (\d+)", text, re.M).group(1))
              for key in ("warmup", "batch", "rounds")}
    samples = counts["warmup"] + counts["batch"] * counts["rounds"]
    text = re.sub(r"^  (warmup|batch|rounds): \d+\n", "", text, flags=re.M)
    text = text.replace("  mode: tpe\n", f"  mode: random\n  samples: {samples}\n")
    return text.replace("name: tpe_search", "name: random_search"), samples


def best_so_far(summary, metric):
    """Best median-over-seeds objective after each point, points in sweep order."""
    points = {}  # label -> (first index, [values])
    with open(summary, newline="") as f:
        for row in csv.DictReader(f):
            first, values = points.setdefault(row["label"], (int(row["index"]), []))
            value = float(row[metric]) if row[metric] and row["status"] != "failed" else float("inf")
            values.append(value if value == value else float("inf"))
    best, history = float("inf"), []
    for _, values in sorted(points.values()):
        best = min(best, statistics.median(values))
        history.append(best)
    return history, len(next(iter(points.values()))[1])


def quartiles(values):
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], statistics.median(values), q[2]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runner", default=str(ROOT / "build/ci/bin/runner"))
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", default=str(ROOT / "results/tpe_vs_random"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tpe_text = EXPERIMENT.read_text()
    twin, samples = random_twin(tpe_text)
    warmup = int(re.search(r"^  warmup: (\d+)", tpe_text, re.M).group(1))
    random_yaml = out / "random_search.yaml"
    random_yaml.write_text(twin)
    metric = "cost_valid"
    curves = {"tpe": [], "random": []}
    for seed in range(1, args.seeds + 1):
        for mode, yaml in (("tpe", EXPERIMENT), ("random", random_yaml)):
            name = f"{mode}_seed{seed}"
            subprocess.run([args.runner, str(yaml), f"seed={seed}", f"name={name}", "--out",
                            str(out), "--jobs", str(args.jobs), "--no-plots", "--quiet"],
                           check=True, stdout=subprocess.DEVNULL)
            history, seeds = best_so_far(out / name / "summary.csv", metric)
            if len(history) != samples:
                raise SystemExit(f"{name}: {len(history)} points, expected {samples}")
            curves[mode].append(history)

    with open(out / "history.dat", "w") as f:
        f.write("# runs  tpe: q25 median q75  random: q25 median q75\n")
        for p in range(samples):
            row = [(p + 1) * seeds]
            for mode in ("tpe", "random"):
                row += quartiles([curve[p] for curve in curves[mode]])
            f.write(" ".join(f"{v:.6g}" for v in row) + "\n")
    warmup_runs = warmup * seeds
    script = f"""set terminal pngcairo size 900,560 font ',11'
set output '{out / "tpe_vs_random.png"}'
set title 'TPE vs random search, {args.seeds} search seeds ({EXPERIMENT.name})' noenhanced
set xlabel 'runs spent ({seeds} seeds per point)'
set ylabel 'best median validation cost so far'
set key top right
set grid
set yrange [0:*]
set arrow from {warmup_runs}, graph 0 to {warmup_runs}, graph 1 nohead dt 2 lc rgb '#555555'
set label 'warm-up ends' at {warmup_runs}, graph 0.95 offset 0.5, 0
plot '{out / "history.dat"}' using 1:5:7 with filledcurves fs transparent solid 0.2 lc rgb '#d62728' title 'random: interquartile band', \\
     '' using 1:6 with lines lw 2 lc rgb '#d62728' title 'random: median', \\
     '' using 1:2:4 with filledcurves fs transparent solid 0.2 lc rgb '#1f77b4' title 'TPE: interquartile band', \\
     '' using 1:3 with lines lw 2 lc rgb '#1f77b4' title 'TPE: median'
"""
    subprocess.run(["gnuplot"], input=script, text=True, check=True)

    print(f"best median {metric} so far, over {args.seeds} search seeds: median [q25, q75]")
    print(f"{'runs':>6}  {'TPE':>28}  {'random':>28}")
    checkpoints = sorted({samples // 4, samples // 2, 3 * samples // 4, samples})
    for p in checkpoints:
        cells = []
        for mode in ("tpe", "random"):
            q25, med, q75 = quartiles([curve[p - 1] for curve in curves[mode]])
            cells.append(f"{med:.4f} [{q25:.4f}, {q75:.4f}]")
        print(f"{p * seeds:>6}  {cells[0]:>28}  {cells[1]:>28}")
    print("search seed:  " + "  ".join(f"{seed:>6}" for seed in range(1, args.seeds + 1)))
    for mode in ("tpe", "random"):
        print(f"{mode + ' best:':<13} " + "  ".join(f"{c[-1]:.4f}" for c in curves[mode]))
    final_tpe = [curve[-1] for curve in curves["tpe"]]
    final_random = [curve[-1] for curve in curves["random"]]
    wins = sum(t < r for t, r in zip(final_tpe, final_random))
    ties = sum(t == r for t, r in zip(final_tpe, final_random))
    print(f"TPE ends lower than random with {wins} of {args.seeds} search seeds "
          f"({ties} ties: the best point was one both drew in the warm-up)")
    gains = [1 - t / r for t, r in zip(final_tpe, final_random)]
    print(f"per search seed, TPE's best is {100 * statistics.median(gains):.1f} % lower than "
          f"random's at the median (from {100 * min(gains):.1f} to {100 * max(gains):.1f} %)")
    print(f"plot: {out / 'tpe_vs_random.png'}")


if __name__ == "__main__":
    main()
