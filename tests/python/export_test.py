"""runner export: the C, JSON and ONNX files compute what runner predict computes, for every
activation nnlab has. Each experiment below is trained briefly, runner predict gives the
output layer's activations on a data file, and each exported file must give the same:
the C file compiled with cc -std=c99 -Wall -Werror to 1e-12, the JSON document evaluated
with NumPy as the README shows to 1e-12, and the ONNX model, once onnx.checker passes it,
evaluated operator by operator with NumPy (python3-onnx 1.12 has no onnx.reference and
Debian 12 no onnxruntime) to 1e-9."""

import csv
import json
import os
import shutil
import subprocess
import unittest

import numpy as np
import onnx
from onnx import numpy_helper

RUNNER = os.environ["NNLAB_RUNNER"]
SOURCE = os.environ["NNLAB_SOURCE_DIR"]
WORK = os.environ["NNLAB_WORK"]
CC = os.environ.get("CC", "cc")
DATA = os.path.join(SOURCE, "data")


def xor(standardize):
    return (f"{{plugin: csv, train: {DATA}/xor_train.csv, test: {DATA}/xor_test.csv"
            f", standardize: {standardize}}}")


IRIS = (f"{{plugin: csv, file: {DATA}/iris.csv, label: species, test_fraction: 0.3"
        ", standardize: true}")

# name: (dataset, layers, activations, loss, data file to predict on). Together they use
# every activation: tanh, sigmoid, relu, leaky_relu (its default slope, a float32-exact one
# and another), identity and softmax, with and without standardisation.
EXPERIMENTS = {
    "tanh_relu_sigmoid": (xor("true"), [4, 3, 1],
                          ["tanh", "relu", "sigmoid"], "binary_cross_entropy", "xor_test.csv"),
    "leaky_identity_softmax": (xor("false"), [4, 3, 2],
                               ["{kind: leaky_relu, slope: 0.2}", "identity", "softmax"],
                               "categorical_cross_entropy", "xor_test.csv"),
    "sigmoid_leaky_softmax": (IRIS, [5, 4, 3],
                              ["sigmoid", "{kind: leaky_relu, slope: 0.25}", "softmax"],
                              "categorical_cross_entropy", "iris.csv"),
    "leaky_identity": (xor("true"), [3, 1], ["leaky_relu", "identity"],
                       "mean_squared_error", "xor_test.csv"),
}

DRIVER = r"""
#include <stdio.h>
void nnlab_predict(const double *input, double *output);
extern const char *const nnlab_feature_names[];
/* Reads NNLAB_INPUTS numbers a line, prints the outputs with 17 digits. */
int main(int argc, char **argv) {
  double input[%(inputs)d], output[%(outputs)d];
  int i;
  (void)argc; (void)argv;
  for (;;) {
    for (i = 0; i < %(inputs)d; ++i)
      if (scanf("%%lf", &input[i]) != 1) return 0;
    nnlab_predict(input, output);
    for (i = 0; i < %(outputs)d; ++i) printf(i ? " %%.17g" : "%%.17g", output[i]);
    printf("\n");
  }
}
"""


def runner(*args):
    done = subprocess.run([RUNNER, *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise AssertionError(f"runner {' '.join(args)}: status {done.returncode}\n{done.stderr}")
    return done


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def softmax(z, axis):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def json_predict(model, x):
    """The README's evaluation of a JSON model: x is one sample's raw features."""
    a = np.asarray(x, dtype=float)
    if model["scaler"] is not None:
        a = (a - model["scaler"]["mean"]) / np.asarray(model["scaler"]["scale"])
    for layer in model["layers"]:
        z = np.asarray(layer["W"]) @ a + layer["b"]
        f = layer["activation"]
        a = {"tanh": np.tanh, "sigmoid": sigmoid, "identity": lambda v: v,
             "relu": lambda v: np.where(v > 0, v, 0.0),
             "leaky_relu": lambda v: np.where(v > 0, v, layer.get("slope", 0.0) * v),
             "softmax": lambda v: softmax(v, 0)}[f](z)
    return a


def onnx_run(model, x):
    """Evaluates the graph node by node with NumPy, for the operators runner export writes;
    any other operator fails the test rather than being guessed."""
    values = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    values[model.graph.input[0].name] = x
    for node in model.graph.node:
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
        ins = [values[name] for name in node.input]
        op = node.op_type
        if op == "Gemm":
            a, b = ins[0], ins[1]
            a = a.T if attrs.get("transA", 0) else a
            b = b.T if attrs.get("transB", 0) else b
            out = attrs.get("alpha", 1.0) * (a @ b)
            if len(ins) > 2:
                out = out + attrs.get("beta", 1.0) * ins[2]
        elif op == "Sub":
            out = ins[0] - ins[1]
        elif op == "Div":
            out = ins[0] / ins[1]
        elif op == "Mul":
            out = ins[0] * ins[1]
        elif op == "Max":
            out = np.maximum(ins[0], ins[1])
        elif op == "Tanh":
            out = np.tanh(ins[0])
        elif op == "Sigmoid":
            out = sigmoid(ins[0])
        elif op == "Relu":
            out = np.maximum(ins[0], 0.0)
        elif op == "LeakyRelu":
            out = np.where(ins[0] > 0, ins[0], attrs.get("alpha", 0.01) * ins[0])
        elif op == "Identity":
            out = ins[0]
        elif op == "Softmax":
            out = softmax(ins[0], attrs.get("axis", -1))
        else:
            raise AssertionError(f"operator {op} is not one runner export writes")
        values[node.output[0]] = out
    return values[model.graph.output[0].name]


class Exports(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        shutil.rmtree(WORK, ignore_errors=True)
        os.makedirs(WORK)
        cls.cases = {}
        for name, (dataset, layers, activations, loss, data) in EXPERIMENTS.items():
            yaml = os.path.join(WORK, name + ".yaml")
            with open(yaml, "w") as f:
                f.write(f"name: {name}\nseed: 3\ndataset: {dataset}\n"
                        f"model: {{layers: {layers}, activations: [{', '.join(activations)}],"
                        " init: {kind: uniform, low: -1, high: 1}}\n"
                        f"loss: {{plugin: {loss}}}\n"
                        "optimizer: {plugin: sgd, learning_rate: 0.05}\n"
                        "training: {iterations: 60}\n")
            runner(yaml, "--out", WORK, "--no-plots", "--quiet", "--jobs", "1")
            store = os.path.join(WORK, name, "runs.h5") + ":1"
            predicted = os.path.join(WORK, name + "_predicted.csv")
            runner("predict", store, os.path.join(DATA, data), "--out", predicted)
            cls.cases[name] = (store, *cls.read_predictions(predicted, store))

    @staticmethod
    def read_predictions(path, store):
        """The inputs (samples x features, in the run's order) and the output layer's
        activations runner predict gives: one output is p of the second class, several are
        the p columns."""
        runner("export", store, "--format", "json", "--out", path + ".json")
        with open(path + ".json") as f:
            model = json.load(f)
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))
        x = np.array([[float(r[n]) for n in model["features"]] for r in rows])
        p = np.array([[float(r["p_" + c]) for c in model["classes"]] for r in rows])
        outputs = p[:, 1:] if model["layers"][-1]["units"] == 1 else p
        return x, outputs

    def test_c_compiled_with_c99_wall_werror_equals_predict(self):
        for name, (store, x, expected) in self.cases.items():
            with self.subTest(name):
                source = os.path.join(WORK, name + ".c")
                runner("export", store, "--format", "c", "--out", source)
                with open(source) as f:
                    text = f.read()
                self.assertIn("void nnlab_predict(const double *input, double *output)", text)
                self.assertNotIn("#include <stdio.h>", text)
                driver = os.path.join(WORK, name + "_driver.c")
                with open(driver, "w") as f:
                    f.write(DRIVER % {"inputs": x.shape[1], "outputs": expected.shape[1]})
                program = os.path.join(WORK, name + "_c")
                subprocess.run([CC, "-std=c99", "-Wall", "-Wextra", "-pedantic", "-Werror",
                                source, driver, "-lm", "-o", program], check=True)
                lines = "\n".join(" ".join(repr(v) for v in row) for row in x) + "\n"
                done = subprocess.run([program], input=lines, capture_output=True, text=True,
                                      check=True)
                got = np.array([[float(v) for v in line.split()]
                                for line in done.stdout.splitlines()])
                self.assertEqual(got.shape, expected.shape)
                self.assertLessEqual(np.abs(got - expected).max(), 1e-12)

    def test_json_evaluated_as_the_readme_shows_equals_predict(self):
        for name, (store, x, expected) in self.cases.items():
            with self.subTest(name):
                path = os.path.join(WORK, name + ".json")
                runner("export", store, "--format", "json", "--out", path)
                with open(path) as f:
                    model = json.load(f)
                self.assertEqual(model["nnlab_model"], 1)
                layers, activations = EXPERIMENTS[name][1], EXPERIMENTS[name][2]
                self.assertEqual([layer["units"] for layer in model["layers"]], layers)
                self.assertEqual([layer["activation"] for layer in model["layers"]],
                                 [a.split(",")[0].replace("{kind: ", "") for a in activations])
                for layer, activation in zip(model["layers"], activations):
                    if "slope:" in activation:
                        self.assertEqual(layer["slope"], float(activation.split()[-1][:-1]))
                    elif activation == "leaky_relu":
                        self.assertEqual(layer["slope"], 0.01)
                got = np.array([json_predict(model, row) for row in x])
                self.assertLessEqual(np.abs(got - expected).max(), 1e-12)

    def test_onnx_passes_the_checker_and_equals_predict(self):
        for name, (store, x, expected) in self.cases.items():
            with self.subTest(name):
                path = os.path.join(WORK, name + ".onnx")
                runner("export", store, "--format", "onnx", "--out", path)
                model = onnx.load(path)
                onnx.checker.check_model(model, full_check=True)
                self.assertEqual([(o.domain, o.version) for o in model.opset_import], [("", 13)])
                ops = [node.op_type for node in model.graph.node]
                self.assertEqual(ops.count("Gemm"), len(EXPERIMENTS[name][1]))
                got = onnx_run(model, x)
                self.assertEqual(got.shape, expected.shape)
                self.assertLessEqual(np.abs(got - expected).max(), 1e-9)

    def test_onnx_activation_operators(self):
        ops = {}
        for name, (store, _, _) in self.cases.items():
            path = os.path.join(WORK, name + "_ops.onnx")
            runner("export", store, "--format", "onnx", "--out", path)
            ops[name] = [node.op_type for node in onnx.load(path).graph.node]
        # Standardised data goes through Sub and Div first; slope 0.25 fits LeakyRelu's
        # float32 alpha exactly, 0.2 and 0.01 do not and become max(z, slope z).
        self.assertEqual(ops["tanh_relu_sigmoid"],
                         ["Sub", "Div", "Gemm", "Tanh", "Gemm", "Relu", "Gemm", "Sigmoid"])
        self.assertEqual(ops["leaky_identity_softmax"],
                         ["Gemm", "Mul", "Max", "Gemm", "Identity", "Gemm", "Softmax"])
        self.assertEqual(ops["sigmoid_leaky_softmax"],
                         ["Sub", "Div", "Gemm", "Sigmoid", "Gemm", "LeakyRelu", "Gemm",
                          "Softmax"])
        self.assertEqual(ops["leaky_identity"],
                         ["Sub", "Div", "Gemm", "Mul", "Max", "Gemm", "Identity"])


if __name__ == "__main__":
    unittest.main()
