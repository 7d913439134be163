#!/usr/bin/env python3
"""nnlab against NumPy, PyTorch and scikit-learn on workloads W1-W4 of issue 6, one table.

usage: run_bench.py --build build/release [--rounds 3] [--only W1,W2,W3,W4,memory]
                    [--memory-iterations N] [--out results/bench] [--smoke]
bench/run.sh installs the peers' packages and builds the tools first; see bench/README.md
for what every row and column means.

Every workload gets the same data, the same initial weights (one CSV weights file, loaded by
nnlab through `init: {kind: file}` and by every peer) and the same number of iterations.
Each implementation runs in its own process, single-threaded; nnlab runs again before every
peer in every round, so a drift of the machine's speed hits both sides alike.
"""
import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE / "peers"))
from bench_io import write_weights  # noqa: E402
from bench_table import Row, render  # noqa: E402
from workloads import WORKLOADS, flops_per_iteration, inputs_of, samples_in  # noqa: E402

SINGLE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


class Bench:
    def __init__(self, args):
        self.build = Path(args.build).resolve()
        self.bin = self.build / "bin"
        self.work = self.build / "bench-work"
        self.work.mkdir(parents=True, exist_ok=True)
        self.env = dict(os.environ, **SINGLE_THREAD)
        self.python = sys.executable
        self.loads = []  # the 1-minute load average at each process start

    def share_blas_kernels(self):
        """nnlab's programs run OpenBLAS's kernels for this CPU even where OpenBLAS does not
        know it (nnlab::use_better_blas_kernels sets OPENBLAS_CORETYPE): the peers, whose
        NumPy, PyTorch and scikit-learn use the same OpenBLAS, get the same kernels. Returns
        what the table's header says of them."""
        probe = self.result([self.bin / "dgemm_peak", "{out}", "--sizes", "64", "--repeats", "1"],
                            "blas")
        kernels = probe.get("openblas_coretype", "")
        if kernels and "OPENBLAS_CORETYPE" not in os.environ:
            self.env["OPENBLAS_CORETYPE"] = kernels
            return (f"OpenBLAS kernels {kernels} for every implementation (nnlab chose them: "
                    "this OpenBLAS does not know the CPU)")
        return f"OpenBLAS kernels {kernels or 'as OpenBLAS chose them'}"

    def run(self, command, what):
        self.loads.append(os.getloadavg()[0])
        started = time.perf_counter()
        done = subprocess.run([str(c) for c in command], env=self.env, capture_output=True,
                              text=True)
        if done.returncode != 0:
            sys.exit(f"run_bench: {what} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
        return time.perf_counter() - started

    def result(self, command, what):
        """Runs a tool that writes its result JSON as its last file argument."""
        out = self.work / f"{what}.json"
        self.run([c if c != "{out}" else out for c in command], what)
        with open(out) as f:
            return json.load(f)

    def peak_rss_mb(self, command):
        """Runs the command; its own peak resident memory (wait4's rusage) in MB."""
        self.loads.append(os.getloadavg()[0])
        process = subprocess.Popen([str(c) for c in command], env=self.env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        if status != 0:
            sys.exit(f"run_bench: {command[0]} failed: {process.stderr.read().decode()}")
        return usage.ru_maxrss / 1024.0

    # --- inputs ------------------------------------------------------------------------------
    def export(self, name, dataset):
        """The dataset plugin's train and test sets as CSV files (runner export-data)."""
        spec = self.work / f"{name}_data.yaml"
        spec.write_text(yaml.safe_dump({"name": name, "dataset": dataset}))
        prefix = self.work / name
        self.run([self.bin / "runner", "export-data", spec, "--out", prefix], "export " + name)
        return Path(f"{prefix}_train.csv"), Path(f"{prefix}_test.csv")

    def prepare(self, w):
        if w.data_plugin:
            w.train, w.test = self.export(w.name, w.data_plugin)
        w.weights = self.work / f"{w.name}_weights.csv"
        n_inputs = inputs_of(w)
        write_weights(w.weights, w.initial_weights(n_inputs))
        w.yaml = self.work / f"{w.name}.yaml"
        optimizer = {"plugin": w.optimizer, "learning_rate": w.alpha}
        if w.optimizer == "momentum":
            optimizer["momentum"] = w.momentum
        experiment = {
            "name": w.name, "seed": 1,
            "dataset": {"plugin": "csv", "train": str(w.train), "test": str(w.test), "label": "y"},
            "model": {"layers": w.layers, "hidden_activation": "tanh",
                      "output_activation": "sigmoid",
                      "init": {"kind": "file", "path": w.weights.name}},
            "loss": {"plugin": "binary_cross_entropy"},
            "optimizer": optimizer,
            "training": {"iterations": w.iterations},
        }
        w.yaml.write_text(yaml.safe_dump(experiment, sort_keys=False))

    # --- implementations ---------------------------------------------------------------------
    def command(self, w, impl):
        """The command of implementation `impl` ("torch", or "torch float32": the same in
        single precision)."""
        impl, _, precision = impl.partition(" ")
        files = [w.train, w.test, w.weights]
        common = ["--iterations", w.iterations, "--alpha", w.alpha]
        mu = w.momentum if w.optimizer == "momentum" else 0.0
        dtype = ["--dtype", precision] if precision else []
        if impl == "nnlab":
            return [self.bin / "nnlab_bench", w.yaml, "{out}",
                    *([f"model.precision={precision}"] if precision else [])]
        if impl == "fused_xor":
            return [self.bin / "fused_xor", *files, "{out}", *common]
        peer = [self.python, HERE / "peers" / PEER_SCRIPTS[impl]]
        if impl == "course_numpy":
            return [*peer, w.train, w.test, self.work / "course_costs.csv", "--weights",
                    w.weights, "--layers", ",".join(map(str, w.layers)), "--json", "{out}",
                    *common, "--momentum", mu]
        if impl == "numpy_vectorised":
            return [*peer, *files, "{out}", *common, "--optimizer", w.optimizer, "--momentum", mu,
                    *dtype]
        return [*peer, *files, "{out}", *common, "--momentum", mu, *dtype]  # torch, sklearn

    def workload(self, w, rounds):
        """Each implementation's results, the ratios nnlab / peer of each peer run to the
        nnlab run of its precision just before it, and the GEMM bound runs (W3: DGEMM and
        SGEMM, once per round, with the round's nnlab runs)."""
        self.prepare(w)
        samples = {impl: [] for impl in w.all_impls()}
        paired = {impl: [] for impl in w.all_impls() if not impl.startswith("nnlab")}
        gemm = {"float64": [], "float32": []}
        # nnlab (in the peer's precision) right before each peer, so both see the same state
        # of the machine (where nnlab's runs are long, W3, once per round and precision)
        order = []
        peers32 = [f"{impl} float32" for impl in w.impls32]
        for impls, nnlab in ((w.impls[1:], "nnlab"), (peers32, "nnlab float32")):
            first = True
            for impl in impls:
                order += [nnlab, impl] if w.nnlab_before_each_peer or first else [impl]
                first = False
        rounds *= w.rounds_per_round
        for r in range(rounds):
            for who in order:
                print(f"  {w.name} round {r + 1}/{rounds}: {who}", flush=True)
                result = self.result(self.command(w, who), f"{w.name}-{who.replace(' ', '-')}")
                samples[who].append(result)
                if not who.startswith("nnlab"):
                    nnlab = "nnlab float32" if who.endswith("float32") else "nnlab"
                    paired[who].append(samples[nnlab][-1]["median_iteration_s"] /
                                       result["median_iteration_s"])
            if w.name == "W3":
                for precision in gemm:
                    gemm[precision].append(self.result(
                        [self.bin / "dgemm_peak", "{out}", "--precision", precision,
                         *net_arguments(w)], f"gemm-{precision}"))
        return samples, paired, gemm


PEER_SCRIPTS = {"course_numpy": "course_numpy.py", "numpy_vectorised": "numpy_vectorised.py",
                "torch": "torch_sgd.py", "sklearn": "sklearn_mlp.py"}

NOTES = {
    "nnlab": "Trainer only (bench/nnlab_bench.cpp): test+train cost and accuracy, backward, update",
    "nnlab float32": "the same, model.precision: float32 (SGEMM, float kernels, double master "
                     "weights)",
    "fused_xor": "hand-fused 2-3-2-1 kernel, blocked SIMD loops, -O3 -march=native (the floor)",
    "course_numpy": "course notebook style, (m, j, 1) tensors",
    "numpy_vectorised": "NumPy, samples as columns",
    "numpy_vectorised float32": "NumPy float32, samples as columns (costs in double)",
    "torch": "PyTorch CPU float64, torch.optim.SGD, 1 thread",
    "torch float32": "PyTorch CPU float32 (its default), torch.optim.SGD, 1 thread",
    "sklearn": "MLPClassifier sgd, batch_size=m; skips the test cost per iteration",
}


def relative_difference(peer, reference):
    pairs = [(peer["cost_train"], reference["cost_train"]),
             (peer["cost_test"], reference["cost_test"])]
    return max(abs(p - q) / abs(q) for p, q in pairs if p is not None)


def gemm_rows(w, precision, gemm, nnlab_runs, flops):
    """The GEMM peak and bound rows of W3 in one precision, and nnlab's time against the
    bound measured in the same round (median of the rounds' ratios)."""
    name = "SGEMM" if precision == "float32" else "DGEMM"
    peak = max(d["gflops"] for d in gemm)
    suffix = " float32" if precision == "float32" else ""
    rows = [Row(w.name, f"{name} peak", None, None, None, None, None, peak,
                f"dgemm_peak --precision {precision}: square C = A B, best size, 1 thread; "
                f"W3 = {flops / 1e9:.2f} GFLOP/iteration")]
    gemm_s = min(d["net_gemm_s"] for d in gemm)
    rows.append(Row(w.name, f"its {name}s alone", gemm_s, None, None, None, None,
                    flops / gemm_s / 1e9,
                    f"only the wide layers' {name}s of an iteration, each over all samples, "
                    f"{100 * flops / gemm_s / 1e9 / peak:.0f}% of {name} peak"))
    panel_s = min(d["net_panel_gemm_s"] for d in gemm)
    bound = statistics.median(n["median_iteration_s"] / d["net_panel_gemm_s"]
                              for n, d in zip(nnlab_runs, gemm))
    rows.append(Row(w.name, f"its {name}s in panels", panel_s, None, None, None, None,
                    flops / panel_s / 1e9,
                    f"the same, {gemm[0]['net_panel']} samples at a time as nnlab{suffix} takes "
                    f"them, {100 * flops / panel_s / 1e9 / peak:.0f}% of {name} peak; "
                    f"nnlab{suffix} takes {bound:.2f}x this (paired by round)"))
    return rows


def workload_rows(w, samples, paired, gemm):
    median = {impl: statistics.median(s["median_iteration_s"] for s in runs)
              for impl, runs in samples.items()}
    flops = flops_per_iteration(w) if w.name == "W3" else None
    rows = []
    single = ["nnlab float32"] + [f"{impl} float32" for impl in w.impls32]
    for precision, impls in (("float64", w.impls), ("float32", single)):
        nnlab = impls[0]
        reference = samples[nnlab][0]
        peak = max((d["gflops"] for d in gemm[precision]), default=None)
        for impl in impls:
            last = samples[impl][-1]
            gflops = flops / median[impl] / 1e9 if flops else None
            note = NOTES[impl]
            if gflops and peak:
                note += (f"; {100 * gflops / peak:.0f}% of "
                         f"{'SGEMM' if precision == 'float32' else 'DGEMM'} peak")
            rows.append(Row(w.name, impl, median[impl],
                            None if impl == nnlab else statistics.median(paired[impl]),
                            last["cost_train"], last["cost_test"],
                            None if impl == nnlab else relative_difference(last, reference),
                            gflops, note))
        if gemm[precision]:
            rows += gemm_rows(w, precision, gemm[precision], samples[nnlab], flops)
    return rows


def net_arguments(w):
    """dgemm_peak's --net, --train and --test for workload w."""
    widths = [inputs_of(w)] + list(w.layers)
    return ["--net", ",".join(map(str, widths)), "--train", samples_in(w.train),
            "--test", samples_in(w.test)]


def momentum_runs(path):
    """The runs of momentum.yaml's sweep (optimizer x learning rate x seeds) for the
    NumPy peer's one-process sweep."""
    spec = yaml.safe_load(Path(path).read_text())
    runs = []
    for optimizer in spec["sweep"]["optimizer"]:
        for alpha in spec["sweep"]["optimizer.learning_rate"]:
            for seed in spec["seeds"]:
                runs.append({"optimizer": optimizer["plugin"], "alpha": alpha, "seed": seed,
                             "momentum": optimizer.get("momentum", 0.0),
                             "iterations": spec["training"]["iterations"],
                             "layers": spec["model"]["layers"]})
    return runs


def end_to_end(bench, experiment, plots):
    """`runner EXPERIMENT` from a fresh store as a user types it (default jobs), with or
    without its plots; its wall time and the phase times --verbose prints (load, train,
    store, plot, report: seconds)."""
    out = bench.work / "e2e"
    shutil.rmtree(out, ignore_errors=True)
    command = [bench.bin / "runner", experiment, "--out", out, "--verbose",
               *([] if plots else ["--no-plots"])]
    bench.loads.append(os.getloadavg()[0])
    started = time.perf_counter()
    done = subprocess.run([str(c) for c in command], env=bench.env, capture_output=True,
                          text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"run_bench: {' '.join(map(str, command))} failed ({done.returncode}):\n"
                 f"{done.stderr}")
    return wall, parse_phases(done.stdout)


def parse_phases(stdout):
    """{"load": s, "train": s, ...} from runner --verbose's line
    `phases:  load 0.05 s, train 2.91 s, store 0.10 s, plot 4.20 s, report 0.31 s`."""
    line = next((l for l in stdout.splitlines() if l.startswith("phases:")), None)
    if line is None:
        sys.exit("run_bench: runner --verbose printed no 'phases:' line")
    phases = {}
    for part in line.split(":", 1)[1].split(","):
        name, seconds, _ = part.split()
        phases[name] = float(seconds)
    return phases


def w4_rows(bench, rounds):
    experiment = ROOT / "experiments" / "momentum.yaml"
    runs = momentum_runs(experiment)
    (bench.work / "w4_runs.json").write_text(json.dumps(runs))
    walls = {1: [], 2: []}
    e2e = {True: [], False: []}
    phases = []
    train, one_iteration, peer = [], [], []
    for r in range(rounds):
        print(f"  W4 round {r + 1}/{rounds}", flush=True)
        for jobs in (1, 2):
            walls[jobs].append(bench.run(
                [bench.bin / "runner", experiment, "--out", bench.work / "w4", "--force",
                 "--no-plots", "--quiet", "--jobs", jobs], f"runner --jobs {jobs}"))
        for plots in (False, True):
            wall, phase_times = end_to_end(bench, experiment, plots)
            e2e[plots].append(wall)
            if plots:
                phases.append(phase_times)
        train.append(bench.result([bench.bin / "nnlab_bench", experiment, "{out}"], "w4-nnlab"))
        one_iteration.append((
            bench.result([bench.bin / "nnlab_bench", experiment, "{out}", "training.iterations=1",
                          "--execute"], "w4-execute"),
            bench.result([bench.bin / "nnlab_bench", experiment, "{out}", "training.iterations=1"],
                         "w4-train1")))
        peer.append(bench.result([bench.python, HERE / "peers" / "numpy_vectorised.py",
                                  "--sweep", bench.work / "w4_runs.json", ROOT / "data/xor_train.csv",
                                  ROOT / "data/xor_test.csv", "{out}"], "w4-numpy"))
    n = len(runs)
    rate = {jobs: n / statistics.median(w) for jobs, w in walls.items()}
    jobs_ratio = statistics.median(one / two for one, two in zip(walls[1], walls[2]))
    plots_ratio = statistics.median(p / q for p, q in zip(e2e[True], e2e[False]))
    # A 1-iteration run: everything execute_run does but that iteration's own time.
    overhead = statistics.median(e["total_execute_s"] / n - t["median_iteration_s"]
                                 for e, t in one_iteration)
    nnlab_train = statistics.median(t["total_train_s"] for t in train)
    peer_train = statistics.median(p["total_train_s"] for p in peer)
    # Each round's NumPy sweep against the nnlab one just before it, as in W1-W3.
    paired = statistics.median(t["total_train_s"] / p["total_train_s"]
                               for t, p in zip(train, peer))
    return [
        Row("W4", "nnlab runner --jobs 1", None, None, None, None, None, None,
            f"{rate[1]:.2f} runs/s ({n} runs, {statistics.median(walls[1]):.2f} s wall, "
            "no plots, store included)"),
        Row("W4", "nnlab runner --jobs 2", None, None, None, None, None, None,
            f"{rate[2]:.2f} runs/s; {rate[2] / rate[1]:.2f}x --jobs 1 "
            f"({jobs_ratio:.2f}x paired by round)"),
        Row("W4", "runner momentum.yaml", statistics.median(e2e[True]), None, None, None, None,
            None, f"what a user waits for: fresh store, plots and report, default --jobs; "
                  f"{plots_ratio:.2f}x the same with --no-plots (paired by round; column 3: "
                  f"wall seconds)"),
        Row("W4", "runner ... --no-plots", statistics.median(e2e[False]), None, None, None, None,
            None, "the same without plots (column 3: wall seconds)"),
        Row("W4", "runner momentum.yaml phases", None, None, None, None, None, None,
            "median seconds of runner --verbose's phases: " + ", ".join(
                f"{name} {statistics.median(p[name] for p in phases):.2f}"
                for name in phases[0])),
        Row("W4", "nnlab per-run overhead", None, None, None, None, None, None,
            f"{overhead * 1e6:.0f} us (execute_run of a 1-iteration run minus that iteration; "
            "load, store, plot excluded)"),
        Row("W4", "nnlab training phase", nnlab_train, None, None, None, None, None,
            f"{n} runs in-process, Trainer only (column 3: total seconds)"),
        Row("W4", "numpy_vectorised", peer_train, paired, None, None, None,
            None, f"the same {n} runs in one Python process (column 3: total seconds)"),
    ]


def memory_rows(bench, iterations):
    rss = {}
    for runs in (10, 1000):
        experiment = bench.work / f"memory_{runs}.yaml"
        experiment.write_text(yaml.safe_dump({
            "name": f"memory_{runs}", "seed": 1,
            "dataset": {"plugin": "csv", "train": str(ROOT / "data/xor_train.csv"),
                        "test": str(ROOT / "data/xor_test.csv"), "label": "y"},
            "model": {"layers": [3, 2, 1]}, "loss": {"plugin": "binary_cross_entropy"},
            "optimizer": {"plugin": "sgd", "learning_rate": 0.05},
            "training": {"iterations": iterations}, "repeats": runs}))
        print(f"  memory: {runs} runs", flush=True)
        rss[runs] = bench.peak_rss_mb([bench.bin / "runner", experiment, "--out",
                                       bench.work / "memory", "--force", "--no-plots", "--quiet",
                                       "--jobs", "2"])
    return [Row("memory", "nnlab runner --jobs 2", None, None, None, None, None, None,
                f"peak RSS {rss[1000]:.1f} MB for 1000 runs vs {rss[10]:.1f} MB for 10 "
                f"({100 * (rss[1000] / rss[10] - 1):+.1f}%); 2-3-2-1 on XOR, "
                f"{iterations} iterations each")]


def machine():
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                  if line.startswith("model name")), platform.processor())
    return f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=str(ROOT / "build" / "release"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", default="W1,W2,W3,W4,memory")
    parser.add_argument("--memory-iterations", type=int, default=5000)
    parser.add_argument("--out", default=str(ROOT / "results" / "bench"))
    parser.add_argument("--smoke", action="store_true",
                        help="check that every tool and peer runs: W1-W3 at 1/20 of their "
                             "iterations, one repeat per round (its figures are not the "
                             "benchmark's)")
    args = parser.parse_args()
    if args.smoke:
        for w in WORKLOADS:
            w.iterations = max(10, w.iterations // 20)
            w.rounds_per_round = 1
    chosen = args.only.split(",")
    bench = Bench(args)
    kernels = bench.share_blas_kernels()
    started = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    load_before = os.getloadavg()
    rows = []
    for w in WORKLOADS:
        if w.name in chosen:
            print(f"{w.name}: {w.title}", flush=True)
            rows += workload_rows(w, *bench.workload(w, args.rounds))
    if "W4" in chosen:
        print("W4: experiments/momentum.yaml as a sweep", flush=True)
        rows += w4_rows(bench, args.rounds)
    if "memory" in chosen:
        rows += memory_rows(bench, args.memory_iterations)
    repeated = ", ".join(f"{w.name} x{w.rounds_per_round}" for w in WORKLOADS
                         if w.rounds_per_round > 1 and w.name in chosen)
    smoke = " SMOKE RUN (shortened workloads: not figures)" if args.smoke else ""
    header = (f"nnlab benchmark{smoke}, {started}; {machine()}; {kernels}; {args.rounds} round(s)"
              f"{f' ({repeated})' if repeated else ''}; "
              f"1-min load average {load_before[0]:.2f} before, at most "
              f"{max(bench.loads, default=0):.2f} during, {os.getloadavg()[0]:.2f} after")
    text, markdown, csv = render(header, rows)
    print("\n" + text)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "table.txt").write_text(text + "\n")
    (out / "table.md").write_text(markdown + "\n")
    (out / "table.csv").write_text(csv)
    print(f"\nwritten: {out}/table.txt, table.md, table.csv")


if __name__ == "__main__":
    main()
