#!/usr/bin/python3
"""Writes reference.json: expected values of nnlab's statistics (framework/src/stats/) for
fixed vectors, so the C++ tests compare against numbers computed another way and need no
SciPy at test time. Run it with Debian's python3 and python3-scipy (1.10):

    /usr/bin/python3 tests/framework/stats/make_reference.py > tests/framework/stats/reference.json

Where nnlab's definition is SciPy's, SciPy computes the value (scipy.stats.wilcoxon,
scipy.stats.mannwhitneyu, the exact null distribution of U). Where nnlab goes further than
SciPy 1.10 (exact p-values with ties or zeros: the permutation distribution of the observed
midranks, which SciPy 1.10 replaces by the normal approximation), the value comes from
enumerating every sign pattern or every split outright, or, when there are too many, from a
dictionary convolution written here for the purpose, which the enumeration checks first.
The percentile bootstrap of a median is checked against its exact bootstrap distribution.
Infinite values are written as the strings "inf" and "-inf" (JSON has no word for them).
"""

import itertools
import json
import math
import sys
from collections import defaultdict

import numpy as np
from scipy import stats
from scipy.stats._mannwhitneyu import _mwu_state

EXACT_MAX = 25  # nnlab's signed_rank_exact_max and rank_sum_exact_max
rng = np.random.default_rng(20240518)


def encode(values):
    return [v if math.isfinite(v) else ("inf" if v > 0 else "-inf") for v in map(float, values)]


def difference(a, b):
    return 0.0 if a == b else a - b


def two_sided(at_most, at_least):
    return min(1.0, 2.0 * min(at_most, at_least))


# --- exact permutation distributions of observed midranks --------------------------------

def signed_rank_enumerated(ranks, r_plus):
    n = len(ranks)
    below = above = 0
    for signs in itertools.product((0, 1), repeat=n):
        s = sum(r for r, plus in zip(ranks, signs) if plus)
        below += s <= r_plus + 1e-9
        above += s >= r_plus - 1e-9
    return two_sided(below / 2 ** n, above / 2 ** n)


def signed_rank_convolved(ranks, r_plus):
    counts = {0: 1}
    for r in (int(round(2 * r)) for r in ranks):
        nxt = defaultdict(int)
        for s, c in counts.items():
            nxt[s] += c
            nxt[s + r] += c
        counts = nxt
    total = 2 ** len(ranks)
    t = int(round(2 * r_plus))
    return two_sided(sum(c for s, c in counts.items() if s <= t) / total,
                     sum(c for s, c in counts.items() if s >= t) / total)


def rank_sum_enumerated(ranks, m, r_x):
    below = above = total = 0
    for chosen in itertools.combinations(ranks, m):
        s = sum(chosen)
        total += 1
        below += s <= r_x + 1e-9
        above += s >= r_x - 1e-9
    return two_sided(below / total, above / total)


def rank_sum_convolved(ranks, m, r_x):
    ways = {(0, 0): 1}
    for r in (int(round(2 * r)) for r in ranks):
        nxt = defaultdict(int)
        for (k, s), c in ways.items():
            nxt[(k, s)] += c
            if k < m:
                nxt[(k + 1, s + r)] += c
        ways = nxt
    sums = {s: c for (k, s), c in ways.items() if k == m}
    total = sum(sums.values())
    t = int(round(2 * r_x))
    return two_sided(sum(c for s, c in sums.items() if s <= t) / total,
                     sum(c for s, c in sums.items() if s >= t) / total)


# --- the cases ---------------------------------------------------------------------------

def signed_rank_case(d, note):
    d = np.asarray(d, dtype=float)
    nonzero = d[d != 0]
    n = len(nonzero)
    ranks = stats.rankdata(np.abs(nonzero))
    r_plus = float(ranks[nonzero > 0].sum())
    statistic = min(r_plus, float(ranks.sum()) - r_plus)
    ties = len(np.unique(np.abs(nonzero))) < n
    if n > EXACT_MAX:
        p = stats.wilcoxon(d, zero_method="wilcox", correction=False, method="approx").pvalue
        source = "scipy approx"
    elif not ties and n == len(d):
        res = stats.wilcoxon(d, method="exact")
        p, source = res.pvalue, "scipy exact"
        assert abs(res.statistic - statistic) < 1e-12
    elif n <= 16:
        p, source = signed_rank_enumerated(list(ranks), r_plus), "enumerated"
        assert abs(p - signed_rank_convolved(list(ranks), r_plus)) < 1e-14
    else:
        p, source = signed_rank_convolved(list(ranks), r_plus), "convolved"
    return {"d": encode(d), "n": n, "statistic": statistic, "p": float(p),
            "exact": n <= EXACT_MAX, "source": source, "note": note}


def rank_sum_case(x, y, note):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    m, n = len(x), len(y)
    pooled = np.concatenate([x, y])
    ranks = stats.rankdata(pooled)
    r_x = float(ranks[:m].sum())
    u = r_x - m * (m + 1) / 2
    ties = len(np.unique(pooled)) < m + n
    exact = m <= EXACT_MAX and n <= EXACT_MAX
    if not exact:
        res = stats.mannwhitneyu(x, y, method="asymptotic")
        source = "scipy asymptotic"
    elif not ties:
        res = stats.mannwhitneyu(x, y, method="exact")
        source = "scipy exact"
    if not exact or not ties:
        p = res.pvalue
        assert abs(res.statistic - u) < 1e-9
    elif math.comb(m + n, m) <= 200000:
        p, source = rank_sum_enumerated(list(ranks), m, r_x), "enumerated"
        assert abs(p - rank_sum_convolved(list(ranks), m, r_x)) < 1e-14
    else:
        p, source = rank_sum_convolved(list(ranks), m, r_x), "convolved"
    return {"x": encode(x), "y": encode(y), "statistic": u, "p": float(p), "exact": exact,
            "source": source, "note": note}


def hodges_lehmann_case(x, y, note, level=0.95):
    m, n = len(x), len(y)
    diffs = sorted(difference(a, b) for a in x for b in y)
    mid = len(diffs) // 2
    a, b = diffs[mid - 1], diffs[mid]
    if len(diffs) % 2:
        estimate = b
    elif a == b or math.isinf(a) or math.isinf(b):
        estimate = a if a == b else a + b  # inf beside a finite value: inf
    else:
        estimate = float(np.median(diffs))
    tail = (1 - level) / 2
    exact = m <= EXACT_MAX and n <= EXACT_MAX
    if exact:  # SciPy's exact null distribution of U (no ties)
        k = 0
        while _mwu_state.cdf(k, m, n) <= tail:
            k += 1
    else:
        sd = math.sqrt(m * n * (m + n + 1) / 12)
        k = max(0, math.floor(m * n / 2 + 0.5 - stats.norm.ppf(1 - tail) * sd))
    low, high = (diffs[k - 1], diffs[m * n - k]) if k > 0 else (-math.inf, math.inf)
    return {"x": encode(x), "y": encode(y), "estimate": encode([estimate])[0], "low": encode([low])[0],
            "high": encode([high])[0], "exact": exact, "k": k, "note": note}


def bootstrap_case(values, resamples=10000, level=0.95):
    """For odd n and distinct values, the resampled median is x_(j) with
    P(median <= x_(j)) = P(Binomial(n, j/n) >= (n+1)/2): the exact bootstrap quantiles.
    Kept only when the exact distribution function is at least `margin` away from the two
    quantiles at every order statistic, so a 10000-resample percentile cannot land on a
    neighbour (5 standard errors of a sample quantile)."""
    x = np.sort(np.asarray(values, dtype=float))
    n = len(x)
    assert n % 2 == 1 and len(np.unique(x)) == n
    cdf = [stats.binom.sf((n + 1) // 2 - 1, n, j / n) for j in range(1, n + 1)]
    lo_q, hi_q = (1 - level) / 2, (1 + level) / 2
    margin = 5 * math.sqrt(lo_q * (1 - lo_q) / resamples)
    if any(abs(c - q) < margin for c in cdf for q in (lo_q, hi_q)):
        return None
    low = next(x[j] for j in range(n) if cdf[j] >= lo_q)
    high = next(x[j] for j in range(n) if cdf[j] >= hi_q)
    return {"values": encode(values), "median": float(np.median(x)), "low": float(low),
            "high": float(high), "resamples": resamples, "level": level}


def main():
    signed = []
    for n in range(1, 26):  # continuous: no ties, no zeros; exact
        signed.append(signed_rank_case(rng.normal(0.3, 1.0, n).round(6), "continuous"))
    for n in range(26, 31):  # continuous, normal approximation
        signed.append(signed_rank_case(rng.normal(0.3, 1.0, n).round(6), "continuous"))
    for n in (3, 6, 9, 12, 15, 18, 21, 24, 25, 27, 30, 40):  # small integers: ties and zeros
        signed.append(signed_rank_case(rng.integers(-3, 5, n).astype(float), "ties and zeros"))
    signed.append(signed_rank_case([0.0, 0.0, 0.0, 1.5], "one non-zero"))
    signed.append(signed_rank_case([-2.0, -2.0, -1.0, 3.0, -4.0, -4.0, -4.0], "ties, no zeros"))
    signed.append(signed_rank_case([-math.inf, -math.inf, -120.0, 40.0, -300.0, 0.0, -math.inf,
                                    -80.0, 10.0, -2000.0], "infinite: never reached"))
    signed.append(signed_rank_case(list(-np.arange(1.0, 27.0)) + [math.inf, 0.0, 5.0],
                                   "infinite, normal approximation"))

    rank_sum = []
    for m, n in [(1, 1), (1, 6), (2, 3), (3, 4), (4, 9), (5, 12), (7, 3), (10, 10), (13, 8),
                 (20, 25), (25, 25)]:  # continuous, exact
        rank_sum.append(rank_sum_case(rng.normal(0.5, 1, m).round(6), rng.normal(0, 1, n).round(6),
                                      "continuous"))
    for m, n in [(26, 10), (30, 30), (5, 40)]:  # continuous, normal approximation
        rank_sum.append(rank_sum_case(rng.normal(0.5, 1, m).round(6), rng.normal(0, 1, n).round(6),
                                      "continuous"))
    for m, n in [(3, 3), (4, 6), (6, 9), (8, 8), (12, 10), (20, 20), (25, 24), (30, 12)]:
        rank_sum.append(rank_sum_case(rng.integers(0, 6, m).astype(float),
                                      rng.integers(1, 7, n).astype(float), "ties"))
    rank_sum.append(rank_sum_case([700.0, 900.0, math.inf, math.inf],
                                  [1500.0, math.inf, math.inf, math.inf, 2100.0],
                                  "infinite: never reached"))
    rank_sum.append(rank_sum_case([2.0, 2.0, 2.0], [2.0, 2.0], "every value ties"))

    hl = []
    for m, n in [(3, 3), (4, 5), (6, 6), (10, 12), (25, 25), (30, 20), (8, 40)]:
        hl.append(hodges_lehmann_case(list(rng.normal(1, 1, m).round(4)),
                                      list(rng.normal(0, 1, n).round(4)), "continuous"))
    hl.append(hodges_lehmann_case([1.0, 2.0, 2.0, 3.0, 5.0, 5.0], [0.0, 2.0, 2.0, 4.0, 1.0, 1.0, 3.0],
                                  "ties"))
    hl.append(hodges_lehmann_case([700.0, 900.0, 1100.0, 800.0, math.inf, 600.0, 950.0],
                                  [1500.0, math.inf, math.inf, 1300.0, 2100.0, 1700.0],
                                  "infinite: never reached"))

    boot = []
    for n in (5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25):
        for attempt in range(20):
            case = bootstrap_case(list(rng.normal(0, 1, n).round(6)))
            if case:
                boot.append(case)
                break

    json.dump({"generator": "tests/framework/stats/make_reference.py",
               "scipy": __import__("scipy").__version__, "signed_rank": signed,
               "rank_sum": rank_sum, "hodges_lehmann": hl, "bootstrap_median": boot},
              sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
