"""runner --json (docs/json.md): validate, list and compare --table print one JSON document
each that a script can parse and that agrees with the tables they stand for."""

import csv
import json
import os
import re
import shutil
import subprocess
import unittest

RUNNER = os.environ["NNLAB_RUNNER"]
SOURCE = os.environ["NNLAB_SOURCE_DIR"]
WORK = os.environ["NNLAB_WORK"]
MOMENTUM = os.path.join(SOURCE, "experiments", "momentum.yaml")
XOR = os.path.join(SOURCE, "experiments", "xor.yaml")


def runner(*args, status=0):
    done = subprocess.run([RUNNER, *args], capture_output=True, text=True)
    if done.returncode != status:
        raise AssertionError(f"runner {' '.join(args)}: status {done.returncode}\n{done.stderr}")
    return done


def document(*args):
    text = runner(*args).stdout
    parsed = json.loads(text)
    return parsed


class Validate(unittest.TestCase):
    def test_run_table_as_json(self):
        doc = document("validate", MOMENTUM, "--json")
        self.assertEqual(doc["nnlab_json"], 1)
        self.assertEqual(doc["command"], "validate")
        self.assertEqual(doc["experiment"]["name"], "momentum")
        self.assertEqual(doc["experiment"]["seed"], 42)
        self.assertEqual((doc["runs_total"], doc["sweep_points"], doc["seeds"]), (27, 9, [1, 2, 3]))
        self.assertEqual(doc["keys"], ["optimizer", "learning_rate"])
        self.assertEqual(len(doc["runs"]), 27)
        # The same runs, ids and seeds as the printed table.
        table = runner("validate", MOMENTUM).stdout.splitlines()
        rows = [line.split() for line in table if re.match(r"^\s+\d+\s+[0-9a-f]{16}\s", line)]
        self.assertEqual([(int(r[0]), r[1], int(r[2])) for r in rows],
                         [(run["number"], run["id"], run["seed"]) for run in doc["runs"]])
        first = doc["runs"][0]
        self.assertEqual(first["point"], {"optimizer": "sgd", "learning_rate": 0.01})
        self.assertEqual(first["config"]["optimizer"], {"plugin": "sgd", "learning_rate": 0.01})
        self.assertEqual(first["config"]["model"]["layers"], [3, 2, 1])
        self.assertEqual(first["config"]["training"]["iterations"], 5000)
        self.assertEqual(first["config"]["seed"], 1)
        momentum = [run for run in doc["runs"] if run["config"]["optimizer"]["plugin"] == "momentum"]
        self.assertEqual(len(momentum), 9)
        self.assertTrue(all(run["config"]["optimizer"]["momentum"] == 0.9 for run in momentum))

    def test_overrides_and_errors(self):
        doc = document("validate", XOR, "--json", "training.iterations=7")
        self.assertEqual(doc["runs"][0]["config"]["training"]["iterations"], 7)
        done = runner("validate", XOR, "--json", "training.iterations=0", status=2)
        self.assertEqual(done.stdout, "")  # an error is one line on stderr, no half document
        self.assertIn("training.iterations: expected an integer of at least 1", done.stderr)


class List(unittest.TestCase):
    def test_plugins_with_parameters(self):
        doc = document("list", "--json")
        self.assertEqual(doc["command"], "list")
        self.assertEqual(doc["search_path"][0]["origin"], "built in")
        by_name = {(p["kind"], p["name"]): p for p in doc["plugins"]}
        for key in [("optimizer", "sgd"), ("optimizer", "adam"), ("loss", "binary_cross_entropy"),
                    ("dataset", "csv"), ("dataset", "xor")]:
            self.assertIn(key, by_name)
        momentum = by_name[("optimizer", "momentum")]
        self.assertTrue(momentum["file"].endswith("nnlab_optimizer_momentum.so"))
        self.assertEqual(momentum["parameters"], [
            {"name": "momentum", "type": "a number", "presence": "defaulted", "default": 0.9,
             "doc": "mu: fraction of the velocity kept per step"}])
        train = [p for p in by_name[("dataset", "csv")]["parameters"] if p["name"] == "train"]
        self.assertEqual(train[0]["presence"], "optional")

    def test_one_plugin(self):
        doc = document("list", "adam", "--json")
        self.assertEqual([p["name"] for p in doc["plugins"]], ["adam"])
        self.assertEqual([p["name"] for p in doc["plugins"][0]["parameters"]],
                         ["beta1", "beta2", "epsilon"])
        done = runner("list", "adm", "--json", status=2)
        self.assertEqual(done.stdout, "")
        self.assertIn("no plugin named 'adm'; did you mean 'adam'?", done.stderr)


class Compare(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        shutil.rmtree(WORK, ignore_errors=True)
        for name, rate in (("short", "0.05"), ("long", "0.1")):
            runner(XOR, f"name={name}", "training.iterations=30",
                   f"sweep.optimizer.learning_rate=[{rate},0.5]", "seeds=[1,2]", "--out", WORK,
                   "--no-plots", "--quiet", "--jobs", "2")
        cls.stores = [os.path.join(WORK, name, "runs.h5") for name in ("short", "long")]

    def test_table_as_json_agrees_with_compare_csv(self):
        doc = document("compare", *self.stores, "--table", "--json")
        self.assertEqual(doc["command"], "compare")
        self.assertEqual(doc["metric"], "cost_test")
        self.assertEqual([s["name"] for s in doc["stores"]], ["short", "long"])
        self.assertEqual(doc["keys"], ["optimizer.learning_rate"])
        out = os.path.join(WORK, "compared")
        runner("compare", *self.stores, "--out", out, "--quiet")
        with open(os.path.join(out, "compare.csv")) as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(len(doc["groups"]), len(rows))
        self.assertEqual(len(rows), 4)
        for group, row in zip(doc["groups"], rows):
            self.assertEqual((group["store"], group["group"]), (row["store"], row["group"]))
            self.assertEqual(group["runs"], int(row["runs"]))
            self.assertEqual(group["median_final"], float(row["median_final_cost_test"]))
            self.assertEqual(group["reached"], int(row["reached"]))
            iterations = float(row["median_iterations_to_target"])
            if iterations == float("inf"):
                self.assertIsNone(group["median_iterations_to_target"])
                self.assertTrue(group["never"])
            else:
                self.assertEqual(group["median_iterations_to_target"], iterations)
        self.assertEqual(doc["target"], float(rows[0]["target"]))

    def test_json_alone_writes_nothing(self):
        before = set(os.listdir(WORK))
        document("compare", *self.stores, "--json")
        self.assertEqual(set(os.listdir(WORK)), before)


if __name__ == "__main__":
    unittest.main()
