"""Read an nnlab store (results/<name>/runs.h5) into pandas.

    import nnlab_store
    runs = nnlab_store.runs("results/momentum/runs.h5")      # one row per run
    series = nnlab_store.series("results/momentum/runs.h5")  # one row per run, series, iteration
    runs.groupby("optimizer.plugin")["final_cost_test"].median()

runs(): a DataFrame indexed by run id. Columns: label, seed, status, iterations,
best_iteration, wall_time_s, message, then every key of the run's resolved config
flattened to a dotted column ("optimizer.learning_rate", "model.layers" as a tuple), then
the final value of each stored series ("final_cost_test", ...): the value of the network
the run stores, as the runner reports it (README: "Final values").

series(): the long table of every stored series: columns run_id, series, iteration
(1-based, as the runner counts) and value; pivot it as you like.

weights(store, run_id): {"W1": array, "b1": array, ...} shaped as the course's arrays.

Runs finished but not yet merged into runs.h5 (in runs.h5.journal/) are read too, as the
runner reads them. Built on h5py, pandas and PyYAML from Debian (python3-h5py,
python3-pandas, python3-yaml). `python3 -m nnlab_store STORE` prints the runs table.
"""

import os

try:
    import h5py
    import pandas as pd
    import yaml
except ImportError as missing:  # the Debian package suggests them rather than pulling them in
    raise ImportError(f"nnlab_store needs h5py, pandas and PyYAML: apt-get install python3-h5py "
                      f"python3-pandas python3-yaml ({missing})") from missing

__all__ = ["runs", "series", "weights", "SERIES", "StoreError"]

# The series a run may store, in the runner's order (runs lack those never recorded).
SERIES = ("cost_train", "cost_test", "accuracy_train", "accuracy_test",
          "cost_valid", "accuracy_valid")

_ATTRIBUTES = ("label", "seed", "status", "iterations", "best_iteration", "wall_time_s",
               "message")


class StoreError(Exception):
    """The file is missing or is not an nnlab store."""


def _text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else value


def _plain(value):
    """An attribute as a plain Python value (numpy scalars and bytes out)."""
    value = _text(value)
    return value.item() if hasattr(value, "item") else value


def _files(store):
    """runs.h5, then each finished journal file (a newer copy of a run wins)."""
    store = os.fspath(store)
    if not os.path.isfile(store):
        raise StoreError(f"{store}: no such file")
    files = [store]
    journal = store + ".journal"
    if os.path.isdir(journal):
        files += sorted(os.path.join(journal, name) for name in os.listdir(journal)
                        if name.endswith(".h5"))
    return files


def _each_run(store):
    """(run_id, h5py group) of every run, inside the open files."""
    seen = {}
    handles = []
    try:
        for path in _files(store):
            try:
                handle = h5py.File(path, "r")
            except OSError as error:
                raise StoreError(f"{path}: not an HDF5 file ({error})") from None
            handles.append(handle)
            if "runs" not in handle:
                if path == os.fspath(store):
                    raise StoreError(f"{path}: not an nnlab store (no /runs group)")
                continue
            for run_id, group in handle["runs"].items():
                seen[run_id] = group
        yield from seen.items()
    finally:
        for handle in handles:
            handle.close()


def _flatten(node, prefix, out):
    if isinstance(node, dict):
        for key, value in node.items():
            _flatten(value, f"{prefix}.{key}" if prefix else str(key), out)
    elif isinstance(node, list):
        out[prefix] = tuple(node)  # hashable: groupby works on it
    else:
        out[prefix] = node


def _final(group, name):
    """The run's final value of the series `name`: the stored network's, as the runner
    reports it (evaluation/ attribute; in older stores the series at restored_iteration,
    else its last value)."""
    evaluation = group.get("evaluation")
    if evaluation is not None and name in evaluation.attrs:
        return float(evaluation.attrs[name])
    values = group[name][()]
    if not len(values):
        return float("nan")
    restored = int(group.attrs.get("restored_iteration", 0))
    return float(values[restored - 1] if 1 <= restored <= len(values) else values[-1])


def runs(store):
    """A DataFrame of the store's runs, indexed by run id (see the module's doc)."""
    rows = []
    for run_id, group in _each_run(store):
        row = {"run_id": run_id}
        for name in _ATTRIBUTES:
            if name in group.attrs:
                row[name] = _plain(group.attrs[name])
        config = yaml.safe_load(_text(group.attrs["config"])) if "config" in group.attrs else {}
        _flatten(config or {}, "", row)
        for name in SERIES:
            if name in group:
                row["final_" + name] = _final(group, name)
        rows.append(row)
    frame = pd.DataFrame(rows)
    if frame.empty:
        return pd.DataFrame(columns=["run_id"]).set_index("run_id")
    ordered = ["run_id"] + [c for c in _ATTRIBUTES if c in frame]
    finals = [c for c in frame if c.startswith("final_")]
    ordered += [c for c in frame if c not in ordered and c not in finals] + finals
    return frame[ordered].set_index("run_id")


def series(store, names=None):
    """The long table of the stored series: run_id, series, iteration (1-based), value.
    names: the series to take (default: every one stored)."""
    parts = []
    for run_id, group in _each_run(store):
        for name in names or SERIES:
            if name in group:
                values = group[name][()]
                parts.append(pd.DataFrame({"run_id": run_id, "series": name,
                                           "iteration": range(1, len(values) + 1),
                                           "value": values}))
    if not parts:
        return pd.DataFrame(columns=["run_id", "series", "iteration", "value"])
    return pd.concat(parts, ignore_index=True)


def weights(store, run_id):
    """{"W1": array, "b1": array, ...} of one run (W_l is units x inputs)."""
    for found, group in _each_run(store):
        if found == run_id:
            return {name: array[()] for name, array in group["weights"].items()}
    raise StoreError(f"{os.fspath(store)}: no run '{run_id}'")
