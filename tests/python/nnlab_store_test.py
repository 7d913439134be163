"""nnlab_store on a real store: 4 runs of experiments/xor.yaml (2 learning rates x 2 seeds,
20 iterations), read by nnlab_store and by h5py directly; and python3 -m nnlab_store."""

import os
import shutil
import subprocess
import sys
import unittest

import h5py

import nnlab_store

RUNNER = os.environ["NNLAB_RUNNER"]
SOURCE = os.environ["NNLAB_SOURCE_DIR"]
WORK = os.environ["NNLAB_WORK"]
STORE = os.path.join(WORK, "xor", "runs.h5")


def setUpModule():
    shutil.rmtree(WORK, ignore_errors=True)
    subprocess.run([RUNNER, os.path.join(SOURCE, "experiments", "xor.yaml"),
                    "training.iterations=20", "sweep.optimizer.learning_rate=[0.05,0.1]",
                    "seeds=[1,2]", "--out", WORK, "--no-plots", "--quiet", "--jobs", "2"],
                   check=True, stdout=subprocess.DEVNULL)


class RunsTable(unittest.TestCase):
    def test_one_row_per_run_with_config_and_finals(self):
        runs = nnlab_store.runs(STORE)
        with h5py.File(STORE, "r") as f:
            ids = sorted(f["runs"])
            # the stored network's value, as the runner's summary.csv has it
            finals = {i: f["runs"][i]["evaluation"].attrs["cost_test"] for i in ids}
            lasts = {i: f["runs"][i]["cost_test"][-1] for i in ids}
            seeds = {i: int(f["runs"][i].attrs["seed"]) for i in ids}
        self.assertEqual(sorted(runs.index), ids)
        self.assertEqual(len(runs), 4)
        # config keys flattened into columns, typed as YAML reads them
        self.assertEqual(sorted(runs["optimizer.learning_rate"].unique()), [0.05, 0.1])
        self.assertEqual(set(runs["optimizer.plugin"]), {"sgd"})
        self.assertEqual(set(runs["model.layers"]), {(3, 2, 1)})
        self.assertEqual(set(runs["training.iterations"]), {20})
        for run_id in ids:
            self.assertEqual(runs.loc[run_id, "final_cost_test"], finals[run_id])
            # measured after the last update: not the series' last entry, measured before it
            self.assertNotEqual(runs.loc[run_id, "final_cost_test"], lasts[run_id])
            self.assertEqual(runs.loc[run_id, "seed"], seeds[run_id])
        self.assertEqual(set(runs["status"]), {"done"})
        self.assertEqual(set(runs["iterations"]), {20})
        self.assertEqual(list(runs.columns[:4]), ["label", "seed", "status", "iterations"])

    def test_groupby_reads_like_pandas(self):
        medians = nnlab_store.runs(STORE).groupby("optimizer.learning_rate")["final_cost_test"].median()
        self.assertEqual(list(medians.index), [0.05, 0.1])


class SeriesTable(unittest.TestCase):
    def test_long_table_of_every_series(self):
        series = nnlab_store.series(STORE)
        self.assertEqual(list(series.columns), ["run_id", "series", "iteration", "value"])
        self.assertEqual(set(series["series"]),
                         {"cost_train", "cost_test", "accuracy_train", "accuracy_test"})
        self.assertEqual(len(series), 4 * 4 * 20)
        with h5py.File(STORE, "r") as f:
            run_id = sorted(f["runs"])[0]
            expected = list(f["runs"][run_id]["cost_train"][()])
        mine = series[(series.run_id == run_id) & (series.series == "cost_train")]
        self.assertEqual(list(mine["iteration"]), list(range(1, 21)))
        self.assertEqual(list(mine["value"]), expected)

    def test_chosen_series_and_weights(self):
        series = nnlab_store.series(STORE, names=["accuracy_test"])
        self.assertEqual(set(series["series"]), {"accuracy_test"})
        run_id = nnlab_store.runs(STORE).index[0]
        weights = nnlab_store.weights(STORE, run_id)
        self.assertEqual(weights["W1"].shape, (3, 2))
        self.assertEqual(weights["b3"].shape, (1, 1))


class CommandLine(unittest.TestCase):
    def run_module(self, *args):
        return subprocess.run([sys.executable, "-m", "nnlab_store", *args],
                              capture_output=True, text=True)

    def test_prints_the_runs(self):
        done = self.run_module(STORE)
        self.assertEqual(done.returncode, 0, done.stderr)
        lines = done.stdout.splitlines()
        self.assertIn("optimizer.learning_rate", lines[0])
        self.assertIn("final_cost_test", lines[0])
        self.assertEqual(len(lines), 1 + 1 + 4)  # header, index name, 4 runs
        self.assertEqual(sum("done" in line for line in lines), 4)

    def test_csv_of_the_series(self):
        done = self.run_module(STORE, "--series", "--csv")
        self.assertEqual(done.returncode, 0, done.stderr)
        lines = done.stdout.splitlines()
        self.assertEqual(lines[0], "run_id,series,iteration,value")
        self.assertEqual(len(lines), 1 + 4 * 4 * 20)

    def test_missing_store_is_one_line_and_status_2(self):
        done = self.run_module(os.path.join(WORK, "no", "runs.h5"))
        self.assertEqual(done.returncode, 2)
        self.assertEqual(done.stderr, f"nnlab_store: error: {WORK}/no/runs.h5: no such file\n")


if __name__ == "__main__":
    unittest.main()
