#!/usr/bin/env python3
"""Reference values for the drift report (test/fixtures/drift/*.json), computed with NumPy and SciPy by the
rules of docs/drift.md, independently of the TypeScript code.

    python3 scripts/gen_drift_fixtures.py    # from the repository root; numpy and scipy needed

Cases: examples/seattle-weather.csv split by the year of `date` (a reference of <= 1000 rows: KS,
chi-square; and 2012 to 2014 against 2015: Wasserstein and JS), examples/penguins.json split by island
(JSON records with missing values), and generated tables hitting every branch. Every applicable measure of
every column is written, with the default test, its verdict, the missing counts and the distinct values.
Also chi-square survival function values (scipy.stats.chi2.sf) for the core's chiSquareSf.
"""
import csv
import json
import math
import os

import numpy as np
from scipy import stats
from scipy.spatial.distance import jensenshannon

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
OUT = os.path.join(ROOT, 'test', 'fixtures', 'drift')
MISSING_TEXT = {'', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', 'None'}
NAMES = ['psi', 'kl', 'js-distance', 'wasserstein-normed', 'ks', 'chisquare', 'z', 'hellinger', 'tv']


def csv_records(path):
    with open(path, newline='') as f:
        rows = list(csv.reader(f))
    header, data = rows[0], rows[1:]
    records = []
    for row in data:
        rec = {}
        for name, text in zip(header, row):
            t = text.strip()
            if t in MISSING_TEXT:
                rec[name] = None
                continue
            try:
                x = float(t)
                rec[name] = x if math.isfinite(x) else None
            except ValueError:
                rec[name] = t
        records.append(rec)
    return records


def column(records, name):
    """(type-deciding values, missing count) of one side: None and non-finite numbers are missing."""
    cells = [r.get(name) for r in records]
    present = [c for c in cells if c is not None and not (isinstance(c, float) and not math.isfinite(c))]
    return present, len(cells) - len(present)


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def as_category(v):
    if isinstance(v, bool):
        return 'true' if v else 'false'
    if is_number(v):
        # JavaScript's String(x): integral doubles without '.0'
        return str(int(v)) if float(v).is_integer() and abs(v) < 1e21 else repr(float(v))
    return v


def value_counts(ref, cur):
    keys = sorted(set(ref) | set(cur))
    r = np.array([ref.count(k) for k in keys], dtype=float)
    c = np.array([cur.count(k) for k in keys], dtype=float)
    return r, c


def binned(ref, cur, numerical):
    if numerical and len(set(ref)) > 20:
        edges = np.histogram_bin_edges(np.concatenate([ref, cur]), bins='sturges')
        return 'sturges', np.histogram(ref, edges)[0] / len(ref), np.histogram(cur, edges)[0] / len(cur)
    r, c = value_counts(list(ref), list(cur))
    return 'values', r / len(ref), c / len(cur)


def fill(f):
    f = f.copy()
    nz = f[f != 0]
    m = nz.min()
    np.place(f, f == 0, m / 10**6 if m <= 0.0001 else 0.0001)
    return f


def measures(ref, cur, numerical, distinct):
    rule, r, c = binned(ref, cur, numerical)
    fr, fc = fill(r), fill(c)
    out = {
        'psi': float(np.sum((fr - fc) * np.log(fr / fc))),
        'kl': float(np.sum(fr * np.log(fr / fc))),
        'js-distance': float(jensenshannon(r, c)),
        'hellinger': float(np.sqrt(np.sum((np.sqrt(r) - np.sqrt(c)) ** 2)) / np.sqrt(2)),
        'tv': float(0.5 * np.sum(np.abs(r - c))),
    }
    if numerical:
        a, b = np.asarray(ref, float), np.asarray(cur, float)
        out['wasserstein-normed'] = float(stats.wasserstein_distance(a, b) / max(np.std(a), 0.001))
        out['ks'] = float(stats.ks_2samp(a, b).pvalue)
    if not numerical or distinct <= 5:
        rc, cc = value_counts(list(ref), list(cur))
        if len(rc) < 2:
            out['chisquare'] = 1.0
        else:
            stat = float(np.sum((cc - rc * len(cur) / len(ref)) ** 2 / (rc * len(cur) / len(ref)))) if np.all(rc > 0) else math.inf
            out['chisquare'] = float(stats.chi2.sf(stat, len(rc) - 1))
    if distinct <= 2:
        keys = sorted(set(ref) | set(cur))
        if len(keys) < 2:
            out['z'] = 1.0
        else:
            n1, n2 = len(ref), len(cur)
            p1, p2 = list(ref).count(keys[0]) / n1, list(cur).count(keys[0]) / n2
            P = (p1 * n1 + p2 * n2) / (n1 + n2)
            z = (p1 - p2) / np.sqrt(P * (1 - P) * (1 / n1 + 1 / n2))
            out['z'] = float(2 * stats.norm.sf(abs(z)))
    filled = int(np.sum(r == 0) + np.sum(c == 0))
    return rule, len(r), filled, out


def default_test(numerical, distinct, ref_rows):
    many = numerical and distinct > 5
    if ref_rows > 1000:
        return 'wasserstein-normed' if many else 'js-distance'
    if many:
        return 'ks'
    return 'chisquare' if distinct > 2 else 'z'


def drifted(test, score, threshold):
    if test == 'ks':
        return score <= threshold
    if test in ('chisquare', 'z'):
        return score < threshold
    return score >= threshold


def report(ref_records, cur_records, names):
    cols = []
    for name in names:
        ref, ref_missing = column(ref_records, name)
        cur, cur_missing = column(cur_records, name)
        numerical = all(is_number(v) for v in ref + cur)
        if not numerical:
            ref, cur = [as_category(v) for v in ref], [as_category(v) for v in cur]
        else:
            ref, cur = np.asarray(ref, float), np.asarray(cur, float)
        distinct = len(set(list(ref) + list(cur)))
        rule, nbins, filled, ms = measures(ref, cur, numerical, distinct)
        test = default_test(numerical, distinct, len(ref_records))
        threshold = 0.05 if test in ('ks', 'chisquare', 'z') else 0.1
        cols.append({
            'column': name, 'type': 'numerical' if numerical else 'categorical', 'test': test,
            'score': ms[test], 'threshold': threshold, 'drifted': bool(drifted(test, ms[test], threshold)),
            'missing': {'reference': ref_missing, 'current': cur_missing}, 'distinct': distinct,
            'bins': {'rule': rule, 'count': nbins}, 'filled_bins': filled, 'measures': ms,
        })
    n_drift = sum(c['drifted'] for c in cols)
    return {'columns': cols, 'drifted_columns': n_drift, 'columns_tested': len(cols),
            'share_drifted': n_drift / len(cols), 'dataset_drift': n_drift / len(cols) >= 0.5}


def names_of(records, skip):
    seen = []
    for r in records:
        for k in r:
            if k not in seen and k != skip:
                seen.append(k)
    return seen


def file_cases():
    cases = []
    weather = csv_records(os.path.join(ROOT, 'examples', 'seattle-weather.csv'))
    year = lambda ys: [r for r in weather if r['date'][:4] in ys]
    for split, ref_years, cur_years in [('date=2012,2015', ['2012'], ['2015']), ('date=2012+2013+2014,2015', ['2012', '2013', '2014'], ['2015'])]:
        ref, cur = year(ref_years), year(cur_years)
        cases.append({'name': f'seattle-weather {split}', 'file': 'examples/seattle-weather.csv', 'split': split,
                      'rows': {'reference': len(ref), 'current': len(cur)}, **report(ref, cur, names_of(weather, 'date'))})
    with open(os.path.join(ROOT, 'examples', 'penguins.json')) as f:
        penguins = json.load(f)
    for a, b in [('Biscoe', 'Dream'), ('Torgersen', 'Biscoe')]:
        ref = [r for r in penguins if r['Island'] == a]
        cur = [r for r in penguins if r['Island'] == b]
        cases.append({'name': f'penguins Island={a},{b}', 'file': 'examples/penguins.json', 'split': f'Island={a},{b}',
                      'rows': {'reference': len(ref), 'current': len(cur)}, **report(ref, cur, names_of(penguins, 'Island'))})
    return cases


def with_missing(rng, values, share):
    return [None if rng.random() < share else v for v in values]


def generated_cases():
    rng = np.random.default_rng(20261207)
    cases = []
    # A small reference: KS, chi-square (numbers and categories, one category absent from the reference), z.
    n, m = 300, 200
    ref = {
        'num_ks': with_missing(rng, [float(x) for x in np.round(rng.normal(0, 1, n), 3)], 0.05),
        'num_chi': [float(x) for x in rng.integers(0, 4, n)],
        'num_z': [float(x) for x in rng.integers(0, 2, n)],
        'cat_chi': with_missing(rng, list(rng.choice(['a', 'b', 'c'], n, p=[0.5, 0.3, 0.2])), 0.1),
        'cat_z': list(rng.choice(['yes', 'no'], n)),
        'constant': [5.0] * n,
        'only_ref': [1.0] * n,
    }
    cur = {
        'num_ks': with_missing(rng, [float(x) for x in np.round(rng.normal(0.3, 1, m), 3)], 0.02),
        'num_chi': [float(x) for x in rng.integers(0, 4, m)],
        'num_z': [float(x) for x in rng.choice([0, 1], m, p=[0.7, 0.3])],
        'cat_chi': list(rng.choice(['a', 'b', 'c', 'd'], m, p=[0.4, 0.3, 0.2, 0.1])),
        'cat_z': list(rng.choice(['yes', 'no'], m)),
        'constant': [5.0] * m,
        'only_cur': ['x'] * m,
    }
    cases.append(generated('small reference', ref, cur))
    # A large reference: Wasserstein, JS; Sturges bins with values on the edges, value-count bins.
    n, m = 1500, 800
    ref = {
        'num_w': [float(x) for x in np.round(rng.normal(10, 2, n), 2)],
        'on_edges': [float(x) for x in rng.integers(0, 53, n) / 4],
        'ten_values': [float(x) for x in rng.integers(0, 10, n)],
        'few_values': with_missing(rng, [float(x) for x in rng.integers(0, 4, n)], 0.03),
        'cat_js': list(rng.choice(['red', 'green', 'blue', 'grey'], n, p=[0.4, 0.3, 0.2, 0.1])),
    }
    cur = {
        'num_w': [float(x) for x in np.round(rng.normal(10.5, 2, m), 2)],
        'on_edges': [float(x) for x in rng.integers(0, 53, m) / 4],
        'ten_values': [float(x) for x in rng.integers(0, 8, m)],
        'few_values': [float(x) for x in rng.integers(0, 4, m)],
        'cat_js': list(rng.choice(['red', 'green', 'blue'], m, p=[0.3, 0.4, 0.3])),
    }
    cases.append(generated('large reference', ref, cur))
    # A rare category (fraction <= 1e-4): empty bins filled with the smallest fraction / 1e6.
    n, m = 10001, 500
    rare = ['common'] * (n - 3) + ['rare'] * 2 + ['odd']
    ref = {'rare': list(rng.permutation(rare))}
    cur = {'rare': ['common'] * 480 + ['new'] * 20}
    cases.append(generated('rare category', ref, cur))
    return cases


def records_of(columns):
    n = len(next(iter(columns.values())))
    return [{k: (v[i] if not isinstance(v[i], np.str_) else str(v[i])) for k, v in columns.items()} for i in range(n)]


def generated(name, ref_cols, cur_cols):
    ref, cur = records_of(ref_cols), records_of(cur_cols)
    common = [k for k in ref_cols if k in cur_cols]
    return {'name': name, 'reference_records': ref, 'current_records': cur,
            'rows': {'reference': len(ref), 'current': len(cur)},
            'only_in_reference': [k for k in ref_cols if k not in cur_cols],
            'only_in_current': [k for k in cur_cols if k not in ref_cols], **report(ref, cur, common)}


def chi_square_points():
    pts = []
    for k in [1, 2, 3, 4, 5, 7, 10, 29, 100, 1000]:
        for x in [1e-6, 0.01, 0.5, 1, 2, 3.84, k - 1, k, k + 1, k + 5, 2 * k, 5 * k, 50, 100, 300, 700, 1200]:
            if x > 0:
                pts.append([float(x), k, float(stats.chi2.sf(x, k))])
    return pts


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, 'drift.json'), 'w') as f:
        json.dump({'files': file_cases(), 'generated': generated_cases()}, f, separators=(',', ':'))
        f.write('\n')
    with open(os.path.join(OUT, 'chiSquareSf.json'), 'w') as f:
        json.dump({'note': 'scipy.stats.chi2.sf(x, k): [x, k, sf]', 'points': chi_square_points()}, f)
        f.write('\n')


if __name__ == '__main__':
    main()
