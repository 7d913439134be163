"""The bench's one table, as aligned text, Markdown and CSV."""
from collections import namedtuple

Row = namedtuple("Row", "workload impl seconds ratio cost_train cost_test rel_diff gflops note")

COLUMNS = ["workload", "implementation", "median time/iteration", "nnlab/peer",
           "cost_train", "cost_test", "rel. diff vs nnlab", "GFLOP/s", "notes"]
AGREEMENT = 1e-9  # where the math is the same, the costs must agree this closely


def duration(seconds):
    if seconds is None:
        return ""
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} us"
    if seconds < 1.0:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


AGREEMENT32 = 1e-3  # float32 implementations: float rounding (1e-7 per operation) over training


def cells(row):
    agreement = ""
    if row.rel_diff is not None:
        single = row.impl.endswith("float32")
        limit = AGREEMENT32 if single else AGREEMENT
        agreement = f"{row.rel_diff:.1e} " + ("ok" if row.rel_diff <= limit else
                                              f"> {limit:.0e}")
    return [row.workload, row.impl, duration(row.seconds),
            "" if row.ratio is None else f"{row.ratio:.2f}",
            "" if row.cost_train is None else f"{row.cost_train:.10g}",
            "" if row.cost_test is None else f"{row.cost_test:.10g}",
            agreement, "" if row.gflops is None else f"{row.gflops:.1f}", row.note]


def render(header, rows):
    table = [COLUMNS] + [cells(r) for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS) - 1)]
    text = [header, ""]
    for n, line in enumerate(table):
        text.append("  ".join(c.ljust(w) for c, w in zip(line, widths)) + "  " + line[-1])
        if n == 0:
            text.append("  ".join("-" * w for w in widths) + "  -----")
    markdown = [header, "", "| " + " | ".join(COLUMNS) + " |",
                "|" + "---|" * len(COLUMNS)]
    markdown += ["| " + " | ".join(line) + " |" for line in table[1:]]
    csv = [",".join(COLUMNS)] + [",".join(f'"{c}"' if "," in c else c for c in line)
                                 for line in table[1:]]
    return "\n".join(t.rstrip() for t in text), "\n".join(markdown), "\n".join(csv) + "\n"
