#!/usr/bin/env python3
"""The drift report of two CSV files with pandas and SciPy, by the rules of docs/drift.md: the baseline of
bench/drift.mjs (run with a Python that has pandas, e.g. Debian's /usr/bin/python3).

    python3 bench/drift_baseline.py REF.csv CUR.csv   # prints one JSON object

Read with pandas.read_csv (the missing spellings of the drift report, and nothing else, read as missing);
per column, missing and non-finite cells dropped; the default test (reference > 1000 rows: Wasserstein-1 /
population std (floored at 0.001) for a numerical column with > 5 distinct values, else Jensen-Shannon
distance of the binned distributions; <= 1000 rows: KS, chi-square, z); binning by numpy.histogram_bin_edges
(..., 'sturges') over the pooled values for > 20 distinct reference values, else by value.
"""
import json
import math
import resource
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial.distance import jensenshannon

MISSING_TEXT = ['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', 'None']


def read(path):
    return pd.read_csv(path, na_values=MISSING_TEXT, keep_default_na=False, low_memory=False)


def present(s):
    s = s.dropna()
    if pd.api.types.is_numeric_dtype(s):
        s = s[np.isfinite(s.to_numpy(dtype=float))]
    return s


def counts_over_values(ref, cur):
    r = ref.value_counts()
    c = cur.value_counts()
    keys = r.index.union(c.index)
    return r.reindex(keys, fill_value=0).to_numpy(float), c.reindex(keys, fill_value=0).to_numpy(float)


def binned(ref, cur, numerical):
    if numerical and ref.nunique() > 20:
        edges = np.histogram_bin_edges(np.concatenate([ref, cur]), 'sturges')
        return np.histogram(ref, edges)[0].astype(float), np.histogram(cur, edges)[0].astype(float)
    return counts_over_values(ref, cur)


def column_drift(ref, cur, ref_rows):
    numerical = pd.api.types.is_numeric_dtype(ref) and pd.api.types.is_numeric_dtype(cur)
    if not numerical:
        ref, cur = ref.astype(str), cur.astype(str)
    distinct = pd.concat([ref, cur]).nunique()
    if ref_rows > 1000:
        if numerical and distinct > 5:
            r = ref.to_numpy(float)
            return 'wasserstein-normed', stats.wasserstein_distance(r, cur.to_numpy(float)) / max(np.std(r), 0.001)
        r, c = binned(ref, cur, numerical)
        return 'js-distance', float(jensenshannon(r / r.sum(), c / c.sum()))
    if numerical and distinct > 5:
        return 'ks', float(stats.ks_2samp(ref.to_numpy(float), cur.to_numpy(float)).pvalue)
    r, c = counts_over_values(ref, cur)
    if distinct > 2:
        return 'chisquare', float(stats.chisquare(c, r * c.sum() / r.sum()).pvalue) if len(r) > 1 else 1.0
    if len(r) < 2:
        return 'z', 1.0
    n1, n2 = r.sum(), c.sum()
    p1, p2 = r[0] / n1, c[0] / n2
    p = (p1 * n1 + p2 * n2) / (n1 + n2)
    return 'z', float(2 * stats.norm.sf(abs((p1 - p2) / math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2)))))


def main():
    t0 = time.perf_counter()
    ref, cur = read(sys.argv[1]), read(sys.argv[2])
    t1 = time.perf_counter()
    columns = []
    for name in [c for c in ref.columns if c in cur.columns]:
        r, c = present(ref[name]), present(cur[name])
        if len(r) == 0 or len(c) == 0:
            continue
        test, score = column_drift(r, c, len(ref))
        threshold = 0.05 if test in ('ks', 'chisquare', 'z') else 0.1
        drifted = score <= threshold if test == 'ks' else score < threshold if test in ('chisquare', 'z') else score >= threshold
        columns.append({'column': name, 'test': test, 'score': score, 'drifted': bool(drifted),
                        'missing': {'reference': int(len(ref) - len(r)), 'current': int(len(cur) - len(c))}})
    t2 = time.perf_counter()
    print(json.dumps({'read_seconds': t1 - t0, 'compute_seconds': t2 - t1, 'seconds': t2 - t0,
                      'max_rss_bytes': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, 'columns': columns}))


if __name__ == '__main__':
    main()
