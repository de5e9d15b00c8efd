#!/usr/bin/env python3
"""Generates test/fixtures/samples.json: reference values from SciPy/NumPy for the sample-based estimates and
the two-sample tests of src/core (histogramKl, knnKl, ksTest, twoSampleZ, welchT, wasserstein, energyDistance,
klDivLoss) and for the special functions behind them (ksDistribution, specialFunctions).

References:
- ks: scipy.stats.ks_2samp(p, q) (alternative='two-sided', method='auto'); the asymptotic p-value through
  scipy.stats.kstwo.sf, also tabulated on its own (with scipy.special.smirnov).
- ztest: z = (mean_p - mean_q)/sqrt(var_p/n + var_q/m) with numpy.var(ddof=1), p = 2*scipy.stats.norm.sf(|z|).
- welch: scipy.stats.ttest_ind(p, q, equal_var=False).
- wasserstein, energy: scipy.stats.wasserstein_distance / energy_distance, with and without weights.
- hist-kl: edges = numpy.histogram_bin_edges(concatenate([p, q]), bins), counts = numpy.histogram(x, edges),
  D = scipy.stats.entropy(counts_p + alpha, counts_q + alpha).
- knn-kl: the Wang-Kulkarni-Verdu (2009) formula with distances from scipy.spatial.cKDTree (k+1 neighbours in
  P, the first being the point itself; k in Q), summed with math.fsum.
- kldivloss: a NumPy transcription of the formula in torch's documentation of torch.nn.KLDivLoss (torch is
  not installed here): target*(log(target) - input), 0 where target = 0; exp(t)*(t - input) for log_target;
  reductions sum, mean (/numel), batchmean (/input.shape[0]), none.

Samples are inline arrays, columns of the example data (examples/seattle-weather.csv, examples/normal-2d.json),
or recipes over the mulberry32 generator (the same 32-bit generator as test/unit/core/klFixtures.ts's
seededRandom) whose values are exact dyadic fractions and exactly rounded affine maps of them, so that Python and
TypeScript expand them to the same doubles:
  uniform:    x = loc + scale*u
  irwin-hall: x = loc + scale*(((u1 + u2) + u3) + u4 - 2)  (four draws per value: roughly normal, sd 0.577*scale)
  discrete:   x = loc + scale*floor(levels*u)               (ties)
A d-dimensional sample of n points is n*d consecutive values, row-major.

Run: python3 scripts/gen_fixtures_samples.py
"""
import csv
import json
import math
import os
import sys

import mpmath
import numpy as np
import scipy
import scipy.special as sc
import scipy.stats as st
from scipy.spatial import cKDTree

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
MASK = 0xFFFFFFFF


def mulberry32(seed):
    a = seed & MASK
    while True:
        a = (a + 0x6D2B79F5) & MASK
        t = a
        t = ((t ^ (t >> 15)) * (t | 1)) & MASK
        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & MASK)) & MASK
        yield ((t ^ (t >> 14)) & MASK) / 4294967296


def expand(spec):
    """A sample spec (inline list or recipe) -> list of floats, exactly as test/unit/core/samplesFixtures.ts."""
    if isinstance(spec, list):
        return [float(x) for x in spec]
    kind = spec['kind']
    if kind in ('uniform', 'irwin-hall', 'discrete'):
        g = mulberry32(spec['seed'])
        loc, scale = spec['loc'], spec['scale']
        out = []
        for _ in range(spec['n']):
            if kind == 'uniform':
                out.append(loc + scale * next(g))
            elif kind == 'irwin-hall':
                s = next(g)
                s = s + next(g)
                s = s + next(g)
                s = s + next(g)
                out.append(loc + scale * (s - 2))
            else:
                out.append(loc + scale * math.floor(spec['levels'] * next(g)))
        return out
    if kind == 'csv':
        with open(os.path.join(ROOT, spec['file']), newline='') as f:
            rows = list(csv.DictReader(f))
        return [float(r[spec['column']]) for r in rows if r['date'].startswith(spec.get('datePrefix', ''))]
    if kind == 'json-rows':
        with open(os.path.join(ROOT, spec['file'])) as f:
            rows = json.load(f)[spec['start']:spec['end']]
        return [float(r[k]) for r in rows for k in spec['fields']]
    raise ValueError(kind)


def rec(kind, seed, n, loc=0.0, scale=1.0, levels=None):
    r = {'kind': kind, 'seed': seed, 'n': n, 'loc': loc, 'scale': scale}
    if levels is not None:
        r['levels'] = levels
    return r


def seattle(column, year=''):
    r = {'kind': 'csv', 'file': 'examples/seattle-weather.csv', 'column': column}
    if year:
        r['datePrefix'] = year
    return r


def normal2d(start, end, fields=('u', 'v')):
    return {'kind': 'json-rows', 'file': 'examples/normal-2d.json', 'fields': list(fields), 'start': start, 'end': end}


def num(x):
    x = float(x)
    if math.isinf(x):
        return 'Infinity' if x > 0 else '-Infinity'
    return x


def summary(x):
    return f'n={len(x)}'


# ----------------------------------------------------------------------------------------------------------
# Kolmogorov-Smirnov

def kstwo_branch(n, x):
    """Which of SciPy's methods kstwo.sf(x, n) takes (for the fixture's notes and coverage)."""
    t = n * x
    if x >= 1 or x <= 0:
        return 'bounds'
    if t <= 1:
        return 'ruben-gambino-low'
    if t >= n - 1:
        return 'ruben-gambino-high'
    if x >= 0.5:
        return 'smirnov'
    nx2 = t * x
    if n <= 140:
        return 'durbin' if nx2 <= 0.754693 else 'pomeranz' if nx2 <= 4 else 'smirnov'
    if nx2 >= 370:
        return 'zero'
    if nx2 >= 2.2:
        return 'smirnov'
    return 'durbin' if n <= 100000 and n * x ** 1.5 <= 1.4 else 'pelz-good'


def ks_case(name, p, q, rtol=1e-10):
    a, b = np.array(expand(p)), np.array(expand(q))
    r = st.ks_2samp(a, b)
    n1, n2 = len(a), len(b)
    exact = max(n1, n2) <= 10000
    case = {'name': name, 'p': p, 'q': q, 'statistic': num(r.statistic), 'pvalue': num(r.pvalue),
            'method': 'exact' if exact else 'asymptotic', 'location': num(r.statistic_location),
            'sign': int(r.statistic_sign), 'rtol': rtol}
    if not exact:
        en = round(n1 * n2 / (n1 + n2))
        case['note'] = f'kstwo.sf(D, {en}) by {kstwo_branch(en, float(r.statistic))}'
    return case


def ks_cases():
    out = [
        ks_case('disjoint, n = m = 3', [1, 2, 3], [4, 5, 6]),
        ks_case('interleaved, unequal sizes', [0.1, 0.4, 0.7], [0.2, 0.5]),
        ks_case('ties within and between samples', [1, 2, 2, 3, 3, 3], [2, 3, 3, 4]),
        ks_case('identical samples', [0.5, 1.5, 2.5, 3.5], [3.5, 2.5, 1.5, 0.5]),
        ks_case('one value against five', [0.3], [0.1, 0.2, 0.4, 0.5, 0.6]),
        ks_case('negative sign (Q below P)', [5, 6, 7, 8], [1, 2, 3, 6.5, 9]),
        ks_case('uniform 7 vs shifted 13', rec('uniform', 1, 7), rec('uniform', 2, 13, 0.3)),
        ks_case('normal 25 vs 40', rec('irwin-hall', 3, 25), rec('irwin-hall', 4, 40, 0.5)),
        ks_case('equal sizes 100 (square method)', rec('irwin-hall', 5, 100), rec('irwin-hall', 6, 100, 0.2)),
        ks_case('discrete ties 50 vs 50', rec('discrete', 7, 50, levels=6), rec('discrete', 8, 50, levels=5)),
        ks_case('discrete ties 60 vs 45', rec('discrete', 9, 60, levels=10), rec('discrete', 10, 45, 1, levels=10)),
        ks_case('200 vs 333', rec('irwin-hall', 11, 200), rec('irwin-hall', 12, 333, 0.1, 1.2)),
        ks_case('very different, 500 vs 600 (tiny p)', rec('irwin-hall', 13, 500), rec('irwin-hall', 14, 600, 1.5)),
        ks_case('1000 vs 1500, same distribution', rec('uniform', 15, 1000), rec('uniform', 16, 1500)),
        ks_case('3000 vs 10000 (largest exact)', rec('irwin-hall', 17, 3000), rec('irwin-hall', 18, 10000, 0.05)),
        ks_case('10000 vs 10000 (square method at the limit)', rec('irwin-hall', 19, 10000), rec('irwin-hall', 20, 10000, 0.03)),
        ks_case('seattle temp_max 2012 vs 2013', seattle('temp_max', '2012'), seattle('temp_max', '2013')),
        ks_case('seattle precipitation 2014 vs 2015', seattle('precipitation', '2014'), seattle('precipitation', '2015')),
        ks_case('seattle wind 2012 vs temp_min 2012', seattle('wind', '2012'), seattle('temp_min', '2012')),
        ks_case('normal-2d u vs v', normal2d(0, 500, ['u']), normal2d(0, 500, ['v'])),
        # Asymptotic: max(n, m) > 10000; effective sizes and statistics chosen to reach each method of kstwo.sf.
        ks_case('10001 vs 10001 (en = 5000.5 rounds to even 5000)', rec('irwin-hall', 21, 10001), rec('irwin-hall', 22, 10001, 0.02)),
        ks_case('12000 vs 15000, same distribution', rec('irwin-hall', 23, 12000), rec('irwin-hall', 24, 15000)),
        ks_case('12000 vs 15000, shifted', rec('irwin-hall', 25, 12000), rec('irwin-hall', 26, 15000, 0.1)),
        ks_case('11000 vs 11000, shifted far (zero)', rec('uniform', 27, 11000), rec('uniform', 28, 11000, 0.5)),
        ks_case('20000 vs 50, same distribution', rec('irwin-hall', 29, 20000), rec('irwin-hall', 30, 50)),
        ks_case('20000 vs 50, shifted', rec('irwin-hall', 31, 20000), rec('irwin-hall', 32, 50, 0.35)),
        ks_case('20000 vs 50, shifted far', rec('irwin-hall', 33, 20000), rec('irwin-hall', 34, 50, 1.2)),
        ks_case('10500 vs 8, disjoint', rec('uniform', 35, 10500), rec('uniform', 36, 8, 2)),
        ks_case('15000 vs 200, same distribution', rec('uniform', 37, 15000), rec('uniform', 38, 200)),
        ks_case('15000 vs 200, shifted', rec('uniform', 39, 15000), rec('uniform', 40, 200, 0.12)),
        ks_case('30000 vs 30000, same distribution (pelz-good)', rec('uniform', 41, 30000), rec('uniform', 42, 30000)),
    ]
    return out


def kstwo_table():
    rng = np.random.default_rng(20240611)
    rows = []
    for n in [1, 2, 3, 5, 10, 20, 50, 100, 139, 140, 141, 200, 500, 1000, 5000, 20000, 100000, 100001, 200000]:
        xs = [0.5 / n, 0.75 / n, 1 / n, (n - 1) / n, 0.5, np.sqrt(0.75 / n), np.sqrt(1.5 / n), np.sqrt(2.2 / n),
              np.sqrt(3 / n), np.sqrt(5 / n), (1.4 / n) ** (2 / 3)]
        if n <= 20000:
            xs += list(rng.uniform(0, 1, 8)) + list(np.sqrt(rng.uniform(0.01, 10, 12) / n)) + [np.sqrt(30 / n)]
        else:
            # Large n is slow in SciPy and here alike (the Smirnov sum has ~n terms, 0.3 s at n = 1e5):
            # one point per method.
            xs = [x for x in xs if x * x * n < 2.2 or x * x * n > 4.9 or x >= 0.5]
        for x in xs:
            x = float(min(max(x, 0.0), 1.0))
            rows.append([n, x, num(st.kstwo.sf(x, n)), kstwo_branch(n, x)])
    return rows


def smirnov_table():
    rng = np.random.default_rng(7)
    rows = []
    for n in [1, 2, 5, 10, 11, 50, 100, 1000, 10000, 100000]:
        many = n <= 10000
        for x in list(rng.uniform(0, 1, 6 if many else 2)) + list(np.sqrt(rng.uniform(0.01, 30, 6 if many else 1) / n)) + [1 / n, 0.5 / n, 1 - 1 / n]:
            x = float(min(max(x, 0.0), 1.0))
            rows.append([n, x, num(sc.smirnov(n, x))])
    return rows


# ----------------------------------------------------------------------------------------------------------
# z and Welch

def exact_moments(values):
    """n, mean and the ddof=1 variance of doubles, exactly (integer arithmetic on their binary values), as mpf."""
    pairs = [math.frexp(x) for x in values]
    e_min = min(e for _, e in pairs) - 53
    ints = [int(m * 2 ** 53) << (e - 53 - e_min) for m, e in pairs]
    n = len(ints)
    s1 = sum(ints)
    s2 = sum(i * i for i in ints)
    scale = mpmath.ldexp(1, e_min)
    mean = mpmath.mpf(s1) / n * scale
    var = mpmath.mpf(n * s2 - s1 * s1) / (n * (n - 1)) * scale * scale
    return n, mean, var


def exact_statistic(a, b):
    """(t, Welch df) from the exact moments, to 50 digits."""
    n1, m1, v1 = exact_moments(a)
    n2, m2, v2 = exact_moments(b)
    vn1, vn2 = v1 / n1, v2 / n2
    t = (m1 - m2) / mpmath.sqrt(vn1 + vn2)
    df = (vn1 + vn2) ** 2 / (vn1 ** 2 / (n1 - 1) + vn2 ** 2 / (n2 - 1))
    return t, df


def scipy_tolerance(reference, exact, floor):
    """The tolerance against SciPy: `floor`, or 4 times SciPy's own error where that is larger (with a note)."""
    if float(exact) == 0:
        err = 0.0 if reference == 0 else 1.0  # below the doubles: SciPy must give 0 too
    else:
        err = float(abs((mpmath.mpf(reference) - exact) / exact))
    return max(floor, 4 * err), err


def mean_case(kind, name, p, q):
    a, b = expand(p), expand(q)
    t, df = exact_statistic(a, b)
    if kind == 'ztest':
        x, y = np.array(a), np.array(b)
        stat = (x.mean() - y.mean()) / math.sqrt(x.var(ddof=1) / len(x) + y.var(ddof=1) / len(y))
        pval = 2 * st.norm.sf(abs(stat))
        exact_p = mpmath.erfc(abs(t) / mpmath.sqrt(2))
        case = {'name': name, 'p': p, 'q': q, 'statistic': num(stat), 'pvalue': num(pval)}
    else:
        r = st.ttest_ind(np.array(a), np.array(b), equal_var=False)
        stat, pval = float(r.statistic), float(r.pvalue)
        exact_p = mpmath.mpf(2 * sc.stdtr(float(df), -abs(float(t))))  # Boost at the exact arguments
        case = {'name': name, 'p': p, 'q': q, 'statistic': num(stat), 'pvalue': num(pval), 'df': num(r.df),
                'exactDf': float(df)}
    case['exactStatistic'] = float(t)
    case['exactPvalue'] = float(exact_p)
    case['exactRtol'] = 1e-13 if kind == 'ztest' else 1e-12
    case['statisticRtol'], err_t = scipy_tolerance(stat, t, 1e-12)
    case['rtol'], err_p = scipy_tolerance(pval, exact_p, 1e-10)
    if err_t > 2.5e-13 or err_p > 2.5e-11:
        case['note'] = f'SciPy relative error: statistic {err_t:.1e}, p-value {err_p:.1e} (means and variances by pairwise sums)'
    return case


def mean_test_inputs():
    return [
        ('docs example', [1, 2, 3, 4], [2, 3, 4, 5, 6]),
        ('two values each', [1.0, 2.0], [3.0, 5.5]),
        ('tiny df: 2 values with a huge spread vs 30', [0.0, 40.0], rec('irwin-hall', 50, 30)),
        ('equal means', [1, 2, 3, 4, 5], [3, 3, 3, 2, 4]),
        ('normal 20 vs 25', rec('irwin-hall', 51, 20), rec('irwin-hall', 52, 25, 0.4, 1.5)),
        ('far tail: t about 12', rec('irwin-hall', 53, 15, 0, 0.1), rec('irwin-hall', 54, 12, 0.5, 0.1)),
        ('far tail: t about 40, df about 20', rec('irwin-hall', 55, 12, 0, 0.05), rec('irwin-hall', 56, 11, 0.8, 0.05)),
        ('very far tail: p about 1e-200', rec('irwin-hall', 57, 300, 0, 1), rec('irwin-hall', 58, 300, 2.05, 1)),
        ('large samples, small shift', rec('irwin-hall', 59, 5000), rec('irwin-hall', 60, 7000, 0.02, 1.1)),
        ('large samples, df near 1e5', rec('uniform', 61, 60000), rec('uniform', 62, 60000, 0.004)),
        ('large samples near the centre, df about 2e5', rec('uniform', 63, 100000), rec('uniform', 64, 100000, 0.003, 1.01)),
        ('offset mean (1e6 + noise)', rec('irwin-hall', 65, 40, 1e6, 1), rec('irwin-hall', 66, 50, 1e6 + 0.3, 1)),
        ('seattle temp_max 2012 vs 2015', seattle('temp_max', '2012'), seattle('temp_max', '2015')),
        ('seattle precipitation 2014 vs 2015', seattle('precipitation', '2014'), seattle('precipitation', '2015')),
        ('seattle temp_min vs temp_max (all years)', seattle('temp_min'), seattle('temp_max')),
        ('normal-2d first half vs second half (u, v interleaved)', normal2d(0, 250), normal2d(250, 500)),
    ]


# ----------------------------------------------------------------------------------------------------------
# Wasserstein and energy

def distance_cases():
    inputs = [
        ('docs example', [0, 1, 3], [5, 6, 8], None, None),
        ('docs example, weighted', [0, 1], [0, 1], [3, 1], [2, 2]),
        ('docs example 2, weighted', [3.4, 3.9, 7.5, 7.8], [4.5, 1.4], [1.4, 0.9, 3.1, 7.2], [3.2, 3.5]),
        ('energy docs example, weighted', [0.7, 7.4, 2.4, 6.8], [1.4, 8.0], [2.1, 4.2, 7.4, 8.0], [7.6, 8.8]),
        ('single values', [0.0], [2.0], None, None),
        ('identical samples', [1.5, -2.0, 3.25], [3.25, 1.5, -2.0], None, None),
        ('ties', [1, 1, 2, 2, 2, 3], [2, 2, 3, 3, 4], None, None),
        ('zero weights', [1, 2, 3, 10], [2, 3], [1, 1, 1, 0], [1, 0]),
        ('weights on P only', [0.0, 1.0, 2.0], [0.5, 1.5], [0.2, 0.5, 0.3], None),
        ('unnormalised weights', [1, 2, 3], [1, 2, 3], [10, 20, 30], [3, 2, 1]),
        ('normal 300 vs 500', rec('irwin-hall', 70, 300), rec('irwin-hall', 71, 500, 0.25, 1.3), None, None),
        ('uniform 1000 vs 800, weighted', rec('uniform', 72, 1000), rec('uniform', 73, 800, 0.1), rec('uniform', 74, 1000), rec('uniform', 75, 800)),
        ('discrete 400 vs 300, weighted', rec('discrete', 76, 400, levels=12), rec('discrete', 77, 300, levels=10), rec('discrete', 78, 400, 1, levels=5), rec('uniform', 79, 300)),
        ('large 20000 vs 30000', rec('irwin-hall', 80, 20000), rec('irwin-hall', 81, 30000, 0.01), None, None),
        ('seattle temp_max 2012 vs 2015', seattle('temp_max', '2012'), seattle('temp_max', '2015'), None, None),
        ('seattle temp_min weighted by wind (2013 vs 2014)', seattle('temp_min', '2013'), seattle('temp_min', '2014'), seattle('wind', '2013'), seattle('wind', '2014')),
        ('normal-2d u,v of the first vs the last 100 points', normal2d(0, 100), normal2d(400, 500), None, None),
    ]
    ws, es = [], []
    for name, p, q, pw, qw in inputs:
        a, b = expand(p), expand(q)
        wa = expand(pw) if pw is not None else None
        wb = expand(qw) if qw is not None else None
        case = {'name': name, 'p': p, 'q': q, 'rtol': 1e-12, 'atol': 1e-15}
        if pw is not None:
            case['pWeights'] = pw
        if qw is not None:
            case['qWeights'] = qw
        ws.append({**case, 'value': num(st.wasserstein_distance(a, b, wa, wb))})
        es.append({**case, 'value': num(st.energy_distance(a, b, wa, wb))})
    return ws, es


# ----------------------------------------------------------------------------------------------------------
# Histogram KL

def hist_case(name, p, q, bins, smoothing=None, base='e'):
    a, b = np.array(expand(p)), np.array(expand(q))
    edges = np.histogram_bin_edges(np.concatenate([a, b]), bins)
    cp = np.histogram(a, edges)[0].astype(float)
    cq = np.histogram(b, edges)[0].astype(float)
    alpha = smoothing or 0.0
    with np.errstate(divide='ignore'):
        value = st.entropy(cp + alpha, cq + alpha, base=None if base == 'e' else float(base))
    case = {'name': name, 'p': p, 'q': q, 'bins': bins, 'value': num(value), 'binCount': len(edges) - 1,
            'countsP': cp.astype(int).tolist(), 'countsQ': cq.astype(int).tolist(),
            'firstEdge': float(edges[0]), 'lastEdge': float(edges[-1]), 'rtol': 1e-12, 'base': base}
    if smoothing is not None:
        case['smoothing'] = smoothing
    return case


def hist_cases():
    return [
        hist_case('docs example, 2 bins', [0, 1, 2, 3], [2, 3, 4, 5], 2),
        hist_case('sturges, normal 200 vs 300', rec('irwin-hall', 90, 200), rec('irwin-hall', 91, 300, 0.3), 'sturges'),
        hist_case('fd, normal 200 vs 300', rec('irwin-hall', 90, 200), rec('irwin-hall', 91, 300, 0.3), 'fd'),
        hist_case('fd, bits', rec('irwin-hall', 92, 1000), rec('irwin-hall', 93, 1000, 0.1, 1.2), 'fd', base=2),
        hist_case('fd with an empty Q bin: infinite', [0, 0.1, 0.2, 5.0], [0, 0.1, 0.15, 0.2], 'fd'),
        hist_case('fd with an empty Q bin, smoothed 0.5', [0, 0.1, 0.2, 5.0], [0, 0.1, 0.15, 0.2], 'fd', smoothing=0.5),
        hist_case('10 bins, smoothed 1', rec('uniform', 94, 100), rec('uniform', 95, 80, 0.5), 10, smoothing=1.0),
        hist_case('fd, IQR 0 gives one bin', [1, 1, 1, 1, 2], [1, 1, 1, 1, 1], 'fd'),
        hist_case('all values equal', [3, 3, 3], [3, 3], 'sturges'),
        hist_case('discrete ties, 7 bins', rec('discrete', 96, 500, levels=8), rec('discrete', 97, 400, levels=6), 7),
        hist_case('seattle temp_max 2012 vs 2015, fd', seattle('temp_max', '2012'), seattle('temp_max', '2015'), 'fd'),
        hist_case('seattle temp_max 2012 vs 2015, sturges', seattle('temp_max', '2012'), seattle('temp_max', '2015'), 'sturges'),
        hist_case('seattle wind 2013 vs 2014, 20 bins, smoothed 0.5', seattle('wind', '2013'), seattle('wind', '2014'), 20, smoothing=0.5),
        hist_case('large 20000 vs 20000, fd', rec('irwin-hall', 98, 20000), rec('irwin-hall', 99, 20000, 0.05), 'fd'),
        hist_case('large 20000 vs 20000, fd, smoothed 0.5', rec('irwin-hall', 98, 20000), rec('irwin-hall', 99, 20000, 0.05), 'fd', smoothing=0.5),
        hist_case('seattle temp_max 2012 vs 2015, fd, smoothed 1', seattle('temp_max', '2012'), seattle('temp_max', '2015'), 'fd', smoothing=1.0),
    ]


# ----------------------------------------------------------------------------------------------------------
# k-NN KL

def knn_reference(a, b, d, k, skip):
    x = np.asarray(a, dtype=float).reshape(-1, d)
    y = np.asarray(b, dtype=float).reshape(-1, d)
    n, m = len(x), len(y)
    rho = cKDTree(x).query(x, k=k + 1)[0]
    rho = rho[:, k] if rho.ndim == 2 else rho
    nu = cKDTree(y).query(x, k=k)[0]
    nu = nu[:, k - 1] if nu.ndim == 2 else nu
    zero_rho = int(np.sum(rho == 0))
    zero_nu = int(np.sum(nu == 0))
    keep = (rho > 0) & (nu > 0)
    if not skip:
        assert keep.all()
    terms = [math.log(v) - math.log(r) for v, r in zip(nu[keep], rho[keep])]
    value = d / int(keep.sum()) * math.fsum(terms) + math.log(m / (n - 1))
    return value, zero_rho, zero_nu, int(n - keep.sum())


def knn_case(name, p, q, d=1, k=1, skip=False):
    a, b = expand(p), expand(q)
    value, zr, zn, skipped = knn_reference(a, b, d, k, skip)
    return {'name': name, 'p': p, 'q': q, 'd': d, 'k': k, 'duplicates': 'skip' if skip else 'error', 'value': value,
            'zeroRho': zr, 'zeroNu': zn, 'skipped': skipped, 'rtol': 1e-12, 'atol': 1e-13}


def knn_cases():
    return [
        knn_case('1-D grid vs shifted grid', [0, 1, 2, 3], [0.5, 1.5, 2.5, 3.5]),
        knn_case('1-D normal 200 vs 300, k=1', rec('irwin-hall', 110, 200), rec('irwin-hall', 111, 300, 0.5, 1.2)),
        knn_case('1-D normal 200 vs 300, k=3', rec('irwin-hall', 110, 200), rec('irwin-hall', 111, 300, 0.5, 1.2), k=3),
        knn_case('1-D same distribution 2000 vs 2000, k=3', rec('uniform', 112, 2000), rec('uniform', 113, 2000), k=3),
        knn_case('1-D seattle temp_max 2012 vs 2015, duplicates skipped', seattle('temp_max', '2012'), seattle('temp_max', '2015'), skip=True),
        knn_case('1-D seattle wind 2012 vs 2014, k=3, duplicates skipped', seattle('wind', '2012'), seattle('wind', '2014'), k=3, skip=True),
        knn_case('2-D normal-2d first 250 vs last 250, k=1', normal2d(0, 250), normal2d(250, 500), d=2),
        knn_case('2-D normal-2d first 250 vs last 250, k=3', normal2d(0, 250), normal2d(250, 500), d=2, k=3),
        knn_case('2-D normal-2d vs a shifted uniform square', normal2d(0, 500), rec('uniform', 114, 600, -0.2, 0.6), d=2),
        knn_case('2-D 3000 vs 4000, k=3', rec('irwin-hall', 115, 6000), rec('irwin-hall', 116, 8000, 0.2, 1.1), d=2, k=3),
        knn_case('2-D discrete grid with duplicates skipped', rec('discrete', 117, 400, levels=15), rec('discrete', 118, 300, 0.5, levels=15), d=2, skip=True),
        knn_case('5-D 500 vs 700, k=1', rec('irwin-hall', 119, 2500), rec('irwin-hall', 120, 3500, 0.1, 1.3), d=5),
        knn_case('5-D 500 vs 700, k=3', rec('irwin-hall', 119, 2500), rec('irwin-hall', 120, 3500, 0.1, 1.3), d=5, k=3),
        knn_case('3-D 2000 vs 2000, same distribution, k=3', rec('uniform', 121, 6000), rec('uniform', 122, 6000), d=3, k=3),
    ]


# ----------------------------------------------------------------------------------------------------------
# KLDivLoss (torch's documented formula in NumPy)

def kldiv_reference(inp, tgt, reduction, log_target):
    x = np.asarray(inp, dtype=float)
    y = np.asarray(tgt, dtype=float)
    with np.errstate(divide='ignore', invalid='ignore'):
        if log_target:
            loss = np.where(y == -np.inf, 0.0, np.exp(y) * (y - x))
        else:
            loss = np.where(y == 0, 0.0, y * (np.log(np.where(y > 0, y, 1.0)) - x))
    if reduction == 'none':
        return loss
    total = math.fsum(loss.ravel()) if np.all(np.isfinite(loss)) else float(np.sum(loss))
    if reduction == 'sum':
        return total
    if reduction == 'mean':
        return total / loss.size
    return total / x.shape[0]


def kldiv_cases():
    g = np.random.default_rng(5)
    logits_q = g.normal(size=(3, 4))
    log_q = logits_q - np.log(np.exp(logits_q).sum(axis=1, keepdims=True))
    p = g.dirichlet(np.ones(4), size=3)
    p[1, 2] = 0.0
    p[1] /= p[1].sum()
    cases = []

    def add(name, inp, tgt, reduction, log_target=False, shape=None):
        if shape is not None:
            inp = np.asarray(inp, dtype=float).reshape(shape)
            tgt = np.asarray(tgt, dtype=float).reshape(shape)
        value = kldiv_reference(inp, tgt, reduction, log_target)
        case = {'name': name, 'input': [num(v) for v in np.asarray(inp, dtype=float).ravel()],
                'target': [num(v) for v in np.asarray(tgt, dtype=float).ravel()], 'reduction': reduction,
                'logTarget': log_target, 'rtol': 1e-13, 'atol': 1e-16}
        if shape is not None:
            case['shape'] = shape
        case['value'] = [num(v) for v in value.ravel()] if reduction == 'none' else num(value)
        if reduction == 'batchmean' and shape is not None and not log_target:
            # The KL of each row: batchmean is their mean.
            rows = zip(np.asarray(tgt).reshape(shape), np.asarray(inp).reshape(shape))
            case['rowKl'] = [num(st.entropy(t_row, np.exp(i_row))) for t_row, i_row in rows]
        cases.append(case)

    for reduction in ['sum', 'mean', 'batchmean', 'none']:
        add(f'3x4 rows, {reduction}', log_q, p, reduction, shape=[3, 4])
        add(f'3x4 rows, log_target, {reduction}', log_q, np.log(np.where(p > 0, p, 1.0)) + np.where(p > 0, 0, -np.inf), reduction, True, [3, 4])
    add('1-D, batchmean divides by the length (torch)', [math.log(0.5), math.log(0.5)], [0.9, 0.1], 'batchmean')
    add('1-D, sum is the KL', [math.log(0.5), math.log(0.5)], [0.9, 0.1], 'sum')
    add('one row, batchmean is the KL', [math.log(0.5), math.log(0.5)], [0.9, 0.1], 'batchmean', shape=[1, 2])
    add('target 0 with input -inf is 0', [-np.inf, math.log(1.0)], [0.0, 1.0], 'sum', shape=[1, 2])
    add('target > 0 with input -inf is inf', [-np.inf, 0.0], [0.5, 0.5], 'sum', shape=[1, 2])
    add('not distributions (raw values)', [0.3, -1.2, 2.0, 0.0], [2.0, 0.5, 0.0, 1.5], 'mean')
    return cases


# ----------------------------------------------------------------------------------------------------------
# Special functions

def special_tables():
    rng = np.random.default_rng(11)
    erfc_rows = []
    for x in list(np.linspace(-6, 27, 67)) + [1e-20, -1e-20, 0.25, 0.84374, 0.84376, 1.2499, 1.2501, 2.857, 2.8572, 5.99, 6.01, 26.5]:
        x = float(x)
        erfc_rows.append([x, num(sc.erfc(x)), float(mpmath.erfc(x))])
    normal_rows = []
    for x in list(np.linspace(-8, 38, 47)) + [0.0, 1.96, 1e-300]:
        x = float(x)
        normal_rows.append([x, num(st.norm.sf(x)), float(mpmath.ncdf(-x))])
    lgamma_rows = []
    for x in list(rng.uniform(0, 10, 30)) + list(np.exp(rng.uniform(-40, 40, 30))) + [0.5, 1.5, 2.5, 0.9, 1.0001, 1.999, 7.99, 8.01, 1e-30]:
        x = float(x)
        lgamma_rows.append([x, num(sc.gammaln(x)), float(mpmath.loggamma(x))])
    t_rows = []
    for df in [0.7, 1.0, 1.3, 2.0, 3.5, 7.0, 20.0, 29.0, 31.0, 100.0, 1000.0, 12345.6, 1e5, 2.5e5, 1e6]:
        for t in [1e-3, 0.1, 0.5, 1.0, 1.7, 2.0, 3.0, 5.0, 10.0, 30.0, 100.0, 1e4, 1e8]:
            t_rows.append([t, df, num(sc.stdtr(df, -t))])
    for _ in range(60):
        df = float(np.exp(rng.uniform(math.log(0.5), math.log(3e5))))
        t = float(np.exp(rng.uniform(math.log(1e-2), math.log(50))))
        t_rows.append([t, df, num(sc.stdtr(df, -t))])
    beta_rows = []
    for a, b in [(0.5, 0.5), (1, 1), (2, 3), (0.3, 7), (10, 0.5), (50, 50), (200, 3), (1e4, 0.5), (2.5, 1e3)]:
        for x in [1e-6, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99]:
            beta_rows.append([a, b, x, num(sc.betainc(a, b, x))])
    return {'erfc': erfc_rows, 'normalSf': normal_rows, 'logGamma': lgamma_rows, 'tSf': t_rows, 'betainc': beta_rows}


def main():
    mpmath.mp.dps = 50
    ws, es = distance_cases()
    mean_inputs = mean_test_inputs()
    out = {
        'generator': 'scripts/gen_fixtures_samples.py',
        'scipy': scipy.__version__,
        'numpy': np.__version__,
        'mpmath': mpmath.__version__,
        'recipes': 'mulberry32(seed) draws u = uint32/2^32; uniform: loc + scale*u; irwin-hall: '
                   'loc + scale*(((u1 + u2) + u3) + u4 - 2); discrete: loc + scale*floor(levels*u); '
                   'csv: a column of examples/seattle-weather.csv, rows whose date starts with datePrefix; '
                   'json-rows: fields of rows [start, end) of examples/normal-2d.json, row-major',
        'ks': ks_cases(),
        'kstwo': kstwo_table(),
        'smirnov': smirnov_table(),
        'ztest': [mean_case('ztest', *c) for c in mean_inputs],
        'welch': [mean_case('welch', *c) for c in mean_inputs],
        'wasserstein': ws,
        'energy': es,
        'histKl': hist_cases(),
        'knnKl': knn_cases(),
        'klDivLoss': kldiv_cases(),
        'special': special_tables(),
    }
    path = os.path.join(ROOT, 'test', 'fixtures', 'samples.json')
    with open(path, 'w') as f:
        json.dump(out, f, separators=(',', ':'), allow_nan=False)
        f.write('\n')
    print(f'{path}: {os.path.getsize(path)} bytes')


if __name__ == '__main__':
    sys.exit(main())
