#!/usr/bin/env python3
"""Generates the reference fixtures of the KL compute core (run: `npm run fixtures`).

test/fixtures/kl.json
    Cases of D(P||Q) with the value SciPy gives (`scipy.stats.entropy(p, q, base)` when normalising,
    `scipy.special.rel_entr(p, q).sum()` for the raw sum) and, for every finite case, a 50-digit reference
    computed with mpmath from the exact binary values of the inputs. Each case states its tolerances:
      rtol       relative tolerance against `expected` (the value of `source`), at most 1e-12;
      exactRtol  relative tolerance against `exact` (mpmath), from the case's condition number (see below);
      atol       (rare) an absolute tolerance, for results in the subnormal range.
    Where SciPy is off by more than 1e-13 (e.g. `entropy` when sum(p) overflows), and for the near-equal raw
    sums that check the last digits, `source` is "mpmath"; SciPy's value and its relative error are kept in
    `scipyValue` and `note` for the record.

    Long inputs are stored as a recipe instead of the values, expanded identically in Python and TypeScript
    (test/unit/core/fixtures.ts) with exact integer arithmetic:
      {"kind": "quadratic-mod", "n": n, "a": a, "b": b, "c": c, "m": m, "zeroEvery": z, "zeroOffset": o}
      x_i = 1 + ((a*i + b)*i + c) mod m   for i = 0 .. n-1, then x_i = 0 where z > 0 and i mod z == o.
    (All intermediate integers stay below 2^53.)

test/fixtures/logRatio.json
    Pairs [p, q, e, r]: e = ln(p/q) rounded to the nearest double and r = ln(p/q) - e (as a double), from
    mpmath at 60 digits, so that a test can measure the error of logRatio in ulps exactly: err = (x - e) - r.

test/fixtures/measures.json
    The other discrete measures (entropy, cross-entropy, jeffreys, js, js-distance, tv, hellinger,
    bhattacharyya, renyi) and the long near-equal KL cases, in the same shape as kl.json plus `measure`,
    `input` ('prob', 'log', 'logits') and `alpha` (Renyi), `q` absent for entropy. See write_measures for
    the SciPy/numpy source of each measure, where SciPy is loose, and the condition numbers behind exactRtol.
    Recipes add three kinds on top of quadratic-mod (expanded identically in Python and TypeScript, with
    IEEE double operations in the order written):
      {"kind": "normalized", "of": R}                 x_i / T, T the exact integer sum of R
      {"kind": "perturbed", "of": R, "noise": N, "m": m, "eps": e, "twoSided": b}
                                                      x_i * (1 + e * u_i), u_i = r_i / m (one-sided) or
                                                      (2*r_i - (m - 1)) / m (two-sided), r_i = N_i - 1
      {"kind": "affine", "of": R, "divideBy": d, "scale": s, "offset": o}
                                                      (x_i / d) * s + o   (logits)

Condition number of a case: kappa = scale/|D|, where scale is the sum of the magnitudes the method adds up:
raw, sum_i |p_i ln(p_i/q_i)|; normalised, with 2^e the power of two nearest s_q/s_p (the method's offset),
sum_i |p_i ln(p_i 2^e/q_i)|/s_p + |ln(s_q/(2^e s_p))| + sum_i |q_i - 2^e p_i|/(2^e s_p). The per-term
rounding (log-ratio within 2 ulp) and the WASM kernel's in-block sums (16 additions per lane) bound the
relative error by about 22*u*kappa (u = 2^-53), so exactRtol = max(4e-15, 32*u*kappa); random cases are
redrawn until that is at most 1e-12.

Requires numpy, scipy and mpmath; deterministic (fixed seeds).
"""
import json
import math
import os
import sys
from fractions import Fraction

import mpmath
import numpy as np
import scipy
import scipy.special
from scipy.spatial.distance import jensenshannon
from scipy.special import rel_entr
from scipy.stats import entropy

mpmath.mp.dps = 50
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
U = 2.0 ** -53


def json_number(x):
    if x == math.inf:
        return 'Infinity'
    if x == -math.inf:
        return '-Infinity'
    if math.isnan(x):
        raise ValueError('NaN in a fixture')
    return float(x)


def expand_recipe(r):
    n, a, b, c, m = r['n'], r['a'], r['b'], r['c'], r['m']
    z, o = r.get('zeroEvery', 0), r.get('zeroOffset', 0)
    out = []
    for i in range(n):
        v = 1 + ((a * i + b) * i + c) % m
        assert ((a * i + b) * i + c) < 2 ** 53
        out.append(0.0 if z > 0 and i % z == o else float(v))
    return out


def base_ln(base):
    return mpmath.mpf(1) if base == 'e' else mpmath.log(mpmath.mpf(base))


def exact_kl(p, q, normalize, base):
    """D in the given base from the exact binary values, to 50 digits; returns (value, kappa) or (inf, None).

    The sums are exact rationals (a sum of doubles spanning 1e-310 to 1 needs ~1000 bits, far beyond 50
    digits), and ln(s_q/s_p) = log1p((s_q - s_p)/s_p) with the difference exact; each term's log-ratio has a
    ratio of two doubles as argument, which 50 digits resolve.
    """
    sp = sum(Fraction(x) for x in p)
    sq = sum(Fraction(y) for y in q)
    terms = []
    weights = []  # the p_i of the terms
    for x, y in zip(p, q):
        if x == 0:
            continue
        if y == 0:
            return math.inf, None
        X, Y = mpmath.mpf(x), mpmath.mpf(y)
        terms.append(X * mpmath.log(X / Y))
        weights.append(X)
    S = mpmath.fsum(terms)
    abs_terms = mpmath.fsum(abs(t) for t in terms)
    if normalize:
        SP = mpmath.mpf(sp.numerator) / sp.denominator
        d = (sq - sp) / sp
        shift = mpmath.log1p(mpmath.mpf(d.numerator) / d.denominator)
        D = S / SP + shift
        # The magnitudes the method adds (see the module doc), with its offset 2^e nearest s_q/s_p.
        e = round(math.log2(sq / sp))
        f = Fraction(2) ** e
        offset_terms = mpmath.fsum(abs(t + x * e * mpmath.log(2)) for t, x in zip(terms, weights))
        offset_shift = abs(shift - e * mpmath.log(2))
        differences = sum(abs(Fraction(y) - f * Fraction(x)) for x, y in zip(p, q)) / (f * sp)
        scale = offset_terms / SP + offset_shift + mpmath.mpf(differences.numerator) / differences.denominator
        kappa = scale / abs(D) if D != 0 else None
    else:
        D = S
        kappa = abs_terms / abs(D) if D != 0 else None
    return D / base_ln(base), kappa


def scipy_kl(p, q, normalize, base):
    pa, qa = np.array(p, dtype=np.float64), np.array(q, dtype=np.float64)
    if normalize:
        return float(entropy(pa, qa, base=None if base == 'e' else float(base)))
    return float(rel_entr(pa, qa).sum() / (1.0 if base == 'e' else math.log(float(base))))


cases = []


class IllConditioned(ValueError):
    pass


def add_drawn(name, draw, **kw):
    """Adds a random case, redrawing (deterministically) while it is too ill-conditioned to check at 1e-12."""
    for _ in range(20):
        p, q = draw()
        try:
            return add(name, p, q, **kw)
        except IllConditioned:
            continue
    raise IllConditioned(name)


def add(name, p, q, normalize=True, base='e', recipe=None, source=None, note=None, atol=0.0):
    exact, kappa = exact_kl(p, q, normalize, base)
    if exact != math.inf and math.isinf(float(exact)):
        exact = math.inf if exact > 0 else -math.inf  # beyond the doubles: the double result is infinite
        source = 'mpmath'
    with np.errstate(divide='ignore', over='ignore', invalid='ignore'):
        sp = scipy_kl(p, q, normalize, base)
    if math.isinf(exact):
        expected, src = exact, source or ('scipy.stats.entropy' if normalize else 'scipy.special.rel_entr')
        assert src == 'mpmath' or sp == exact, (name, sp)
    else:
        rel = abs((mpmath.mpf(sp) - exact) / exact) if exact != 0 else abs(mpmath.mpf(sp))
        if source != 'mpmath' and rel > 1e-13:
            # SciPy's rel_entr forms x/y: near-equal terms lose digits. Then SciPy is no reference here.
            source = 'mpmath'
        if source == 'mpmath':
            expected, src = float(exact), 'mpmath'
        else:
            expected, src = sp, 'scipy.stats.entropy' if normalize else 'scipy.special.rel_entr'
    case = {
        'name': name,
        'base': base,
        'normalize': normalize,
        'expected': json_number(expected),
        'source': src,
        'rtol': 1e-12,
    }
    if atol:
        case['atol'] = atol
    if not math.isinf(exact):
        case['exact'] = mpmath.nstr(exact, 50, min_fixed=-5, max_fixed=5) if exact != 0 else '0'
        case['exactRtol'] = max(4e-15, 32 * U * float(kappa)) if kappa is not None else 0.0
        if case['exactRtol'] > 1e-12:
            raise IllConditioned(f'{name}: too ill-conditioned for a fixture (kappa {float(kappa):.3g})')
    if src == 'mpmath':
        case['scipyValue'] = json_number(sp)
        if not math.isinf(exact) and math.isfinite(sp):
            rel = float(abs((mpmath.mpf(sp) - exact) / exact))
            note = f'{note}; ' if note else ''
            note += f'SciPy relative error {rel:.1e}'
    if note:
        case['note'] = note
    if recipe:
        case['recipe'] = recipe
    else:
        case['p'] = [json_number(x) for x in p]
        case['q'] = [json_number(x) for x in q]
    cases.append(case)


def main():
    rng = np.random.default_rng(20240611)

    # The CLI's example: 0.0852996013... nats.
    add('cli example', [0.36, 0.48, 0.16], [1 / 3, 1 / 3, 1 / 3])
    add('cli example, bits', [0.36, 0.48, 0.16], [1 / 3, 1 / 3, 1 / 3], base=2)
    add('cli example, raw', [0.36, 0.48, 0.16], [1 / 3, 1 / 3, 1 / 3], normalize=False)

    # Small hand-made cases and the conventions.
    add('identical', [0.2, 0.3, 0.5], [0.2, 0.3, 0.5])
    add('single element', [1.0], [1.0])
    add('single element counts', [3.0], [5.0])
    add('single element counts, raw', [3.0], [5.0], normalize=False)
    add('coin vs biased coin', [0.5, 0.5], [0.9, 0.1])
    add('biased coin vs coin', [0.9, 0.1], [0.5, 0.5])
    add('coin, bans', [0.5, 0.5], [0.9, 0.1], base=10)
    add('coin, base 3.5', [0.5, 0.5], [0.9, 0.1], base=3.5)
    add('zero in p', [0.0, 0.5, 0.5], [0.2, 0.3, 0.5])
    add('zeros in p and q at the same index', [0.0, 0.25, 0.75], [0.0, 0.5, 0.5])
    add('zero in q where p > 0', [0.5, 0.5], [1.0, 0.0])
    add('zero in q where p > 0, raw', [0.5, 0.5], [1.0, 0.0], normalize=False)
    add('disjoint supports', [1.0, 0.0], [0.0, 1.0])
    add('counts needing normalisation', [3.0, 1.0, 0.0, 6.0], [2.0, 2.0, 1.0, 5.0])
    add('counts needing normalisation, bits', [3.0, 1.0, 0.0, 6.0], [2.0, 2.0, 1.0, 5.0], base=2)
    add('counts, raw', [3.0, 1.0, 0.0, 6.0], [2.0, 2.0, 1.0, 5.0], normalize=False)
    add('unnormalised probabilities, raw', [0.2, 0.3, 0.4], [0.3, 0.3, 0.3], normalize=False)
    add('sums 1 except rounding', [0.1, 0.2, 0.7], [0.3, 0.3, 0.4])
    add('one dominant element', [1 - 1e-9, 1e-9], [0.5, 0.5])
    add('tiny q', [0.5, 0.5], [1 - 1e-12, 1e-12])

    # Extreme exponents, subnormals and overflowing sums.
    add('extreme exponents', [1e-300, 1.0], [1.0, 1e-300])
    add('subnormal q', [0.5, 0.5], [5e-324, 1.0])
    add('subnormal p and q, raw', [5e-324, 1e-310, 1.0], [1e-320, 2e-310, 1.0], normalize=False, source='mpmath',
        atol=1e-322, note='a subnormal result has absolute, not relative, precision: atol is 20 subnormal ulps')
    add('sums overflow', [1e308, 1e308], [1e-300, 1e308], source='mpmath', note='sum(p) overflows to inf in SciPy')
    add('raw sum overflows', [1e308], [1e-300], normalize=False, source='mpmath', note='1e308*ln(1e608) > max double')
    add('huge counts', [1e300, 3e300], [2e300, 2e300])
    add('huge and tiny counts, raw', [1e-300, 2e-300], [3e-300, 1e-300], normalize=False)

    # Random distributions (Dirichlet) over lengths around the kernel's vector and block boundaries.
    for n in [1, 2, 3, 4, 5, 7, 8, 10, 16, 17, 31, 63, 64, 65, 100, 127, 128, 129, 255, 256, 257,
              500, 511, 512, 513, 1000, 1023, 1024, 1025, 2000]:
        add_drawn(f'dirichlet n={n}', lambda: (rng.dirichlet(np.ones(n)).tolist(), rng.dirichlet(np.ones(n)).tolist()),
                  base=['e', 2, 10, 3.5][n % 4])
    for n in [10, 100, 1000]:
        add_drawn(f'dirichlet n={n}, raw', lambda: (rng.dirichlet(np.ones(n)).tolist(), rng.dirichlet(np.ones(n)).tolist()),
                  normalize=False)
    # Counts with zeros (histograms).
    for n in [50, 300, 1500]:
        p = rng.integers(0, 5, n).astype(float)
        q = rng.integers(1, 5, n).astype(float)
        add(f'histogram counts with zeros in p n={n}', p.tolist(), q.tolist())
    p = rng.integers(0, 5, 200).astype(float)
    q = rng.integers(0, 5, 200).astype(float)
    q[p > 0] = np.maximum(q[p > 0], 1)
    q[np.argmax(p)] = 0  # one p > 0 with q = 0
    add('histogram with a zero in q where p > 0', p.tolist(), q.tolist())

    # Long inputs from recipes (10^4 and around).
    for n, a, b, c, m, z, o, base in [
        (4096, 7, 3, 11, 997, 0, 0, 'e'),
        (5000, 13, 5, 1, 10007, 17, 3, 2),
        (10000, 31, 17, 7, 65521, 0, 0, 'e'),
        (10000, 3, 1, 2, 101, 9, 4, 10),
    ]:
        rp = {'kind': 'quadratic-mod', 'n': n, 'a': a, 'b': b, 'c': c, 'm': m, 'zeroEvery': z, 'zeroOffset': o}
        rq = {'kind': 'quadratic-mod', 'n': n, 'a': a + 2, 'b': b + 1, 'c': c + 5, 'm': m, 'zeroEvery': 0, 'zeroOffset': 0}
        add(f'recipe counts n={n} base={base}', expand_recipe(rp), expand_recipe(rq), base=base,
            recipe={'p': rp, 'q': rq})
    rp = {'kind': 'quadratic-mod', 'n': 10000, 'a': 5, 'b': 2, 'c': 9, 'm': 1009, 'zeroEvery': 0, 'zeroOffset': 0}
    rq = {'kind': 'quadratic-mod', 'n': 10000, 'a': 5, 'b': 3, 'c': 1, 'm': 1013, 'zeroEvery': 0, 'zeroOffset': 0}
    add('recipe counts n=10000, raw', expand_recipe(rp), expand_recipe(rq), normalize=False, recipe={'p': rp, 'q': rq})

    # Near-equal distributions, raw sums, against the 50-digit reference: q = p*(1 + 1e-6*noise).
    for n, one_sided in [(10, True), (100, True), (1000, True), (100, False), (3000, True)]:
        p = rng.dirichlet(np.ones(n))
        noise = rng.uniform(0, 1, n) if one_sided else rng.uniform(-1, 1, n)
        q = p * (1 + 1e-6 * noise)
        add(f'near-equal n={n} ({"one-sided" if one_sided else "two-sided"} 1e-6 noise), raw', p.tolist(), q.tolist(),
            normalize=False, source='mpmath')
    # Close after normalisation, milder (5e-2): the normalised value of closer inputs cancels (kappa
    # ~ 1/noise) below what a 1e-12 check can promise.
    for n in [50, 700]:
        def draw():
            p = rng.dirichlet(np.ones(n))
            return p.tolist(), (p * (1 + 5e-2 * rng.uniform(-1, 1, n))).tolist()
        add_drawn(f'close n={n} (5e-2 noise)', draw)

    out = {
        'generator': 'scripts/gen_fixtures.py',
        'scipy': scipy.__version__,
        'numpy': np.__version__,
        'mpmath': mpmath.__version__,
        'recipes': 'x_i = 1 + ((a*i + b)*i + c) mod m, i = 0..n-1; x_i = 0 where zeroEvery > 0 and i mod zeroEvery == zeroOffset',
        'cases': cases,
    }
    path = os.path.join(ROOT, 'test', 'fixtures', 'kl.json')
    with open(path, 'w') as f:
        json.dump(out, f, indent=None, separators=(',', ':'))
        f.write('\n')
    print(f'{path}: {len(cases)} cases, {os.path.getsize(path)} bytes')

    write_log_ratio(np.random.default_rng(7))
    write_measures(np.random.default_rng(20250301))


def write_log_ratio(rng):
    mpmath.mp.dps = 60
    pairs = []

    def push(p, q):
        if p > 0 and q > 0 and math.isfinite(p) and math.isfinite(q):
            pairs.append((float(p), float(q)))

    def rnd_double(lo, hi):
        e = int(rng.integers(lo, hi + 1))
        return float(np.ldexp(rng.uniform(1, 2), e))

    for _ in range(600):
        push(rng.uniform(0, 1), rng.uniform(0, 1))
    for _ in range(600):  # near-equal at every scale of closeness
        p = rng.uniform(0, 1)
        push(p, p * (1 + rng.uniform(-1, 1) * 10 ** rng.uniform(-16, -1)))
    for _ in range(400):  # neighbours in ulps
        p = rng.uniform(0.1, 10)
        push(p, float(np.nextafter(p, np.inf)) if rng.uniform() < 0.5 else float(np.nextafter(p, 0)))
    for _ in range(600):  # the whole exponent range, subnormals included
        push(rnd_double(-1074, 1023), rnd_double(-1074, 1023))
    for _ in range(400):  # around the reduction boundaries m_p/m_q = sqrt(2)^{+-1}
        p = rng.uniform(1, 2)
        push(p, p * math.sqrt(2) ** rng.choice([-1, 1]) * (1 + rng.uniform(-1e-9, 1e-9)))
    for _ in range(300):  # subnormal against subnormal and against normal
        push(float(rng.uniform(5e-324, 2.2e-308)), float(rng.uniform(5e-324, 2.2e-308)))
        push(float(rng.uniform(5e-324, 2.2e-308)), float(rng.uniform(0, 1)))
    for p, q in [(1e-300, 1e300), (1e300, 1e-300), (5e-324, 1.7976931348623157e308), (1.7976931348623157e308, 5e-324),
                 (1.0, 1.0), (0.36, 1 / 3), (2.0, 1.0), (1.0, 2.0), (3.0, 1.0)]:
        push(p, q)
    rows = []
    for p, q in pairs:
        v = mpmath.log(mpmath.mpf(p) / mpmath.mpf(q))
        e = float(v)
        r = float(v - mpmath.mpf(e))
        rows.append([p, q, e, r])
    path = os.path.join(ROOT, 'test', 'fixtures', 'logRatio.json')
    with open(path, 'w') as f:
        json.dump({'generator': 'scripts/gen_fixtures.py', 'mpmathDigits': 60, 'columns': ['p', 'q', 'lnRatioRounded', 'residual'],
                   'rows': rows}, f, separators=(',', ':'))
        f.write('\n')
    print(f'{path}: {len(rows)} pairs, {os.path.getsize(path)} bytes')


# ---------------------------------------------------------------------------------------------------------
# The other discrete measures: test/fixtures/measures.json
#
# Sources (`source` of a case; `expected` is its value):
#   entropy        scipy.stats.entropy(p, base=b) (normalises silently); raw: sum(scipy.special.entr(p))
#   cross-entropy  scipy.stats.entropy(p) + scipy.stats.entropy(p, q) (as SciPy's docs show); raw:
#                  -sum(scipy.special.xlogy(p, q))
#   jeffreys       sum(rel_entr(p, q) + rel_entr(q, p)) of p/sum(p), q/sum(q) (or of the raw values)
#   js-distance    scipy.spatial.distance.jensenshannon(p, q, base); js: its square. Raw (jensenshannon
#                  always normalises): 0.5*sum(rel_entr(p, m) + rel_entr(q, m)), m = (p + q)/2, in numpy
#   tv, hellinger, bhattacharyya, renyi: numpy, by the definitions: 0.5*sum|p-q|, sqrt(0.5*sum((sqrt p -
#                  sqrt q)^2)), -log(sum(sqrt(p*q))), log(sum(p**a * q**(1-a)))/(a-1) over p > 0 (numpy
#                  gives 0*inf = nan where p = q = 0 and a > 1), max(log(p/q)) for a = inf
#   log/logits input: the measure of np.exp(a) (log) or scipy.special.softmax(a) (logits).
# Where SciPy is loose: jensenshannon returns nan when rounding makes the summed rel_entr terms negative
# (scipy #20083; near-equal inputs), and like every formula that forms p/m, p/q or sum(p**a q**(1-a)) it
# keeps only a few digits of a measure near 0 (relative error ~1e-16/eps^2 for distributions eps apart).
# Such cases (SciPy off by more than 1e-13 from mpmath, or nan) take mpmath as `source`, and keep SciPy's
# value and relative error in `scipyValue` and `note`.
#
# exactRtol = max(4e-15, 32*u*kappa), kappa the condition of the method in src/core: 1 for sums of
# non-negative terms computed without cancellation (normalised entropy and cross-entropy, jeffreys, js, tv,
# hellinger, bhattacharyya), sum|terms|/|value| where terms of both signs cancel (raw entropy and cross-entropy,
# renyi's sum p*expm1((a-1)L), KL); for log input the exponentials' rounding u*|ln p| enters as a
# factor (1 + max|ln p|) and, for tv (which a shift common to all ln p/q does not leave unchanged to first
# order), as 1/tv.
# ---------------------------------------------------------------------------------------------------------

UNITLESS = {'tv', 'hellinger'}


def expand(r):
    """Expands a recipe (see the module doc) exactly as test/unit/core/measureFixtures.ts does."""
    kind = r['kind']
    if kind == 'quadratic-mod':
        return expand_recipe(r)
    x = expand(r['of'])
    if kind == 'normalized':
        total = sum(int(v) for v in x)
        assert total < 2 ** 53 and all(v == int(v) for v in x)
        return [v / float(total) for v in x]
    if kind == 'perturbed':
        noise = expand(r['noise'])
        m, eps = r['m'], r['eps']
        out = []
        for v, nz in zip(x, noise):
            k = int(nz) - 1
            u = (2 * k - (m - 1)) / m if r['twoSided'] else k / m
            out.append(v * (1 + eps * u))
        return out
    if kind == 'affine':
        return [(v / r['divideBy']) * r['scale'] + r['offset'] for v in x]
    raise ValueError(kind)


def mp_distribution(x, input_kind, normalize):
    """The values as mpf: the distribution (normalised exactly, from rational sums or a 50-digit log-sum-exp)
    or, raw, the values as given (e^a for log input). Exact zeros (0, or -inf in log space) stay 0."""
    if input_kind == 'prob':
        if not normalize:
            return [mpmath.mpf(v) for v in x]
        s = sum(Fraction(v) for v in x)
        S = mpmath.mpf(s.numerator) / s.denominator
        return [mpmath.mpf(v) / S for v in x]
    finite = [mpmath.mpf(v) for v in x if v != -math.inf]
    if input_kind == 'log' and not normalize:
        return [mpmath.exp(mpmath.mpf(v)) if v != -math.inf else mpmath.mpf(0) for v in x]
    M = max(finite)
    lse = M + mpmath.log(mpmath.fsum(mpmath.exp(v - M) for v in finite))
    return [mpmath.exp(mpmath.mpf(v) - lse) if v != -math.inf else mpmath.mpf(0) for v in x]


def condition(scale, value):
    """scale/|value| as a float: the relative error per unit of rounding (1 where the value is 0)."""
    return float(scale / abs(value)) if value != 0 else 1.0


def mp_kl_terms(P, Q):
    """The terms p ln(p/q) over p > 0, or None if some p > 0 has q = 0."""
    terms = []
    for p, q in zip(P, Q):
        if p == 0:
            continue
        if q == 0:
            return None
        terms.append(p * mpmath.log(p / q))
    return terms


def mp_measure(measure, P, Q, alpha, normalize, doubles=None):
    """(value in nats, or unitless; kappa): the 50-digit reference of a measure and the condition of
    src/core's method for it (see above), for P and Q as returned by mp_distribution."""
    INF = (math.inf, 1.0)
    if measure == 'entropy':
        if doubles is not None and normalize:
            # -p ln p with ln p = -log1p((s - x)/x) from exact rationals: p = x/s itself may be 1 - 1e-310,
            # which 50 digits round to 1 (losing the whole entropy of [1, 1e-310]).
            s = sum(Fraction(x) for x in doubles)
            terms = []
            for x in doubles:
                if x == 0:
                    continue
                d = (s - Fraction(x)) / Fraction(x)
                terms.append(mpmath.mpf(x) / (mpmath.mpf(s.numerator) / s.denominator)
                             * mpmath.log1p(mpmath.mpf(d.numerator) / d.denominator))
            return mpmath.fsum(terms), 1.0
        terms = [-p * mpmath.log(p) for p in P if p != 0]
        H = mpmath.fsum(terms)
        kappa = 1.0 if normalize else condition(mpmath.fsum(abs(t) for t in terms), H)
        return H, kappa
    if measure == 'kl':
        terms = mp_kl_terms(P, Q)
        if terms is None:
            return INF
        D = mpmath.fsum(terms)
        return D, condition(mpmath.fsum(abs(t) for t in terms), D)
    if measure == 'cross-entropy':
        kl = mp_kl_terms(P, Q)
        if kl is None:
            return INF
        if normalize:
            # src/core sums p ln(s_q/q) >= 0: no cancellation.
            return mpmath.fsum(-p * mpmath.log(q) for p, q in zip(P, Q) if p != 0), 1.0
        terms = [-p * mpmath.log(q) for p, q in zip(P, Q) if p != 0]
        V = mpmath.fsum(terms)
        return V, condition(mpmath.fsum(abs(t) for t in terms), V)
    if measure == 'jeffreys':
        total = mpmath.mpf(0)
        for p, q in zip(P, Q):
            if p == 0 and q == 0:
                continue
            if p == 0 or q == 0:
                return INF
            total += (p - q) * mpmath.log(p / q)
        return total, 1.0
    if measure in ('js', 'js-distance'):
        total = mpmath.mpf(0)
        for p, q in zip(P, Q):
            m = (p + q) / 2
            if p != 0:
                total += p * mpmath.log(p / m)
            if q != 0:
                total += q * mpmath.log(q / m)
        return total / 2, 1.0
    if measure == 'tv':
        return mpmath.fsum(abs(p - q) for p, q in zip(P, Q)) / 2, 1.0
    if measure in ('hellinger', 'bhattacharyya'):
        h2 = mpmath.fsum((mpmath.sqrt(p) - mpmath.sqrt(q)) ** 2 for p, q in zip(P, Q)) / 2
        if measure == 'hellinger':
            return mpmath.sqrt(h2), 1.0
        bc = mpmath.fsum(mpmath.sqrt(p * q) for p, q in zip(P, Q))
        if bc == 0:
            return INF
        D = -mpmath.log(bc)
        if normalize:
            return D, 1.0
        # Raw: -log1p(x), x = (sum p - 1)/2 + (sum q - 1)/2 - H^2, or -ln(bc) from the direct sum.
        sp, sq = mpmath.fsum(P), mpmath.fsum(Q)
        x = bc - 1
        if abs(x) <= 0.5:
            scale = (abs(sp - 1) / 2 + abs(sq - 1) / 2 + h2) / bc
        else:
            scale = mpmath.mpf(1)
        return D, condition(scale, D)
    if measure == 'renyi':
        pairs = [(p, q) for p, q in zip(P, Q) if p != 0]
        if alpha == math.inf:
            if any(q == 0 for _, q in pairs):
                return INF
            return max(mpmath.log(p / q) for p, q in pairs), 1.0
        a = mpmath.mpf(alpha)
        t = a - 1
        if t > 0 and any(q == 0 for _, q in pairs):
            return INF
        live = [(p, q) for p, q in pairs if q != 0]
        if not live:
            return INF  # alpha < 1, disjoint supports
        X = mpmath.fsum(p * mpmath.exp(t * mpmath.log(p / q)) for p, q in live)
        D = mpmath.log(X) / t
        # The method sums w*expm1(t l)/t (terms of both signs) with w = p, l = ln(p/q), t = a - 1, or for
        # a < 1/2 (skew symmetry) w = q, l = ln(q/p), t = -a; and, where |X - 1| > 1/2, the positive sum X.
        if alpha < 0.5:
            W, V, t = Q, P, -a
        else:
            W, V = P, Q
        terms = []
        for w, v in zip(W, V):
            if w == 0:
                continue
            terms.append(-w if v == 0 else w * mpmath.expm1(t * mpmath.log(w / v)))
        if normalize:
            y = mpmath.fsum(terms)
        else:
            terms.append(mpmath.fsum(W) - 1)
            y = mpmath.fsum(terms)
        if abs(y) <= 0.5:
            # An absolute error e in y is an error e/(1 + y) in log1p(y): relative to it, e/((1 + y) log1p(y)).
            return D, max(1.0, condition(mpmath.fsum(abs(v) for v in terms) / (1 + y), mpmath.log1p(y)))
        return D, max(1.0, condition(1, mpmath.log(X)))
    raise ValueError(measure)


def scipy_distribution(x, input_kind):
    a = np.array(x, dtype=np.float64)
    if input_kind == 'prob':
        return a
    if input_kind == 'log':
        return np.exp(a)
    return scipy.special.softmax(a)


def scipy_measure(measure, p, q, base, normalize, alpha):
    """The SciPy/numpy value of a case (see above) and the name of its source."""
    lb = 1.0 if base == 'e' else math.log(float(base))
    b = None if base == 'e' else float(base)
    pn = p / p.sum() if normalize else p
    qn = (q / q.sum() if normalize else q) if q is not None else None
    if measure == 'entropy':
        if normalize:
            return float(entropy(p, base=b)), 'scipy.stats.entropy'
        return float(np.sum(scipy.special.entr(p)) / lb), 'scipy.special.entr'
    if measure == 'kl':
        return scipy_kl(p.tolist(), q.tolist(), normalize, base), 'scipy.special.rel_entr'
    if measure == 'cross-entropy':
        if normalize:
            return float(entropy(p, base=b) + entropy(p, q, base=b)), 'scipy.stats.entropy'
        return float(-np.sum(scipy.special.xlogy(p, q)) / lb), 'scipy.special.xlogy'
    if measure == 'jeffreys':
        return float(np.sum(rel_entr(pn, qn) + rel_entr(qn, pn)) / lb), 'scipy.special.rel_entr'
    if measure in ('js', 'js-distance'):
        if normalize:
            d = float(jensenshannon(p, q, base=b))
            return (d if measure == 'js-distance' else d * d), 'scipy.spatial.distance.jensenshannon'
        m = (p + q) / 2
        js = float(0.5 * np.sum(rel_entr(p, m) + rel_entr(q, m)) / lb)
        return (math.sqrt(js) if js >= 0 and measure == 'js-distance' else js if measure == 'js' else math.nan), 'numpy (rel_entr)'
    if measure == 'tv':
        return float(0.5 * np.sum(np.abs(pn - qn))), 'numpy'
    if measure == 'hellinger':
        return float(np.sqrt(0.5 * np.sum((np.sqrt(pn) - np.sqrt(qn)) ** 2))), 'numpy'
    if measure == 'bhattacharyya':
        return float(-np.log(np.sum(np.sqrt(pn * qn))) / lb), 'numpy'
    if measure == 'renyi':
        mask = pn > 0
        if alpha == math.inf:
            return float(np.log(np.max(pn[mask] / qn[mask])) / lb), 'numpy'
        return float(np.log(np.sum(pn[mask] ** alpha * qn[mask] ** (1 - alpha))) / (alpha - 1) / lb), 'numpy'
    raise ValueError(measure)


measure_cases = []


def add_measure(measure, name, p, q=None, base='e', normalize=True, input_kind='prob', alpha=None, recipe=None,
                source=None, note=None, max_rtol=1e-12):
    """Adds a case of `measure`; raises IllConditioned if its exactRtol would exceed max_rtol."""
    P = mp_distribution(p, input_kind, normalize)
    Q = mp_distribution(q, input_kind, normalize) if q is not None else None
    value, kappa = mp_measure(measure, P, Q, alpha, normalize or input_kind == 'logits', doubles=p if input_kind == 'prob' else None)
    lnb = base_ln(base)
    if value != math.inf:
        if measure not in UNITLESS:
            value = value / lnb
        if measure == 'js-distance':
            value = mpmath.sqrt(value)
        if not mpmath.isfinite(value):
            value = math.inf
    if input_kind != 'prob' and value != math.inf:
        logs = [abs(mpmath.log(v)) for v in P + (Q or []) if v != 0]
        kappa *= 1 + float(max(logs))
        if measure == 'tv' and value != 0:
            kappa += (1 + float(max(logs))) / float(value)
    with np.errstate(all='ignore'):
        sp, src = scipy_measure(measure, scipy_distribution(p, input_kind), scipy_distribution(q, input_kind) if q is not None else None,
                                base, normalize or input_kind == 'logits', alpha)
    if value == math.inf:
        assert source == 'mpmath' or sp == math.inf, (name, sp)
        expected = math.inf
        src = source or src
    else:
        rel = abs((mpmath.mpf(sp) - value) / value) if value != 0 else (abs(mpmath.mpf(sp)) if math.isfinite(sp) else mpmath.inf)
        if math.isnan(sp) or rel > 1e-13:
            source = 'mpmath'
        if source == 'mpmath':
            expected, src = float(value), 'mpmath'
        else:
            expected = sp
    case = {'measure': measure, 'name': name, 'base': base, 'normalize': normalize, 'input': input_kind}
    if alpha is not None:
        case['alpha'] = json_number(alpha)
    case.update({'expected': json_number(expected), 'source': src, 'rtol': 1e-12})
    if value != math.inf:
        case['exact'] = mpmath.nstr(value, 50, min_fixed=-5, max_fixed=5) if value != 0 else '0'
        case['exactRtol'] = max(4e-15, 32 * U * kappa)
        if case['exactRtol'] > max_rtol:
            raise IllConditioned(f'{measure} {name}: kappa {kappa:.3g}')
    if src == 'mpmath':
        case['scipyValue'] = 'NaN' if math.isnan(sp) else json_number(sp)
        note = f'{note}; ' if note else ''
        if math.isnan(sp):
            note += 'SciPy/numpy returns nan'
        elif value != math.inf and math.isfinite(sp) and value != 0:
            note += f'SciPy/numpy relative error {float(abs((mpmath.mpf(sp) - value) / value)):.1e}'
        else:
            note += f'SciPy/numpy gives {sp!r}'
    if note:
        case['note'] = note
    if recipe:
        case['recipe'] = recipe
    else:
        case['p'] = [json_number(x) for x in p]
        if q is not None:
            case['q'] = [json_number(x) for x in q]
    measure_cases.append(case)


def add_measure_drawn(measure, name, draw, **kw):
    for _ in range(20):
        p, q = draw()
        try:
            return add_measure(measure, name, p, q, **kw)
        except IllConditioned:
            continue
    raise IllConditioned(name)


def qm(n, a, b, c, m, z=0, o=0):
    return {'kind': 'quadratic-mod', 'n': n, 'a': a, 'b': b, 'c': c, 'm': m, 'zeroEvery': z, 'zeroOffset': o}


def write_measures(rng):
    mpmath.mp.dps = 50
    pair_measures = ['cross-entropy', 'jeffreys', 'js', 'js-distance', 'tv', 'hellinger', 'bhattacharyya']
    third = 1 / 3

    # Entropy: hand cases, conventions, bases, counts, raw, log input.
    add_measure('entropy', 'cli example', [0.36, 0.48, 0.16])
    add_measure('entropy', 'uniform 4, bits', [0.25] * 4, base=2)
    add_measure('entropy', 'halves and quarters, bits', [0.5, 0.25, 0.25], base=2)
    add_measure('entropy', 'one-hot', [0.0, 1.0, 0.0])
    add_measure('entropy', 'single element', [3.0])
    add_measure('entropy', 'counts needing normalisation', [1.0, 1.0, 2.0])
    add_measure('entropy', 'counts, bans', [3.0, 1.0, 0.0, 6.0], base=10)
    add_measure('entropy', 'counts, base 3.5', [3.0, 1.0, 0.0, 6.0], base=3.5)
    add_measure('entropy', 'counts, raw', [3.0, 1.0, 0.0, 6.0], normalize=False)
    add_measure('entropy', 'probabilities, raw', [0.2, 0.3, 0.5], normalize=False)
    add_measure('entropy', 'one dominant element', [1 - 1e-9, 1e-9])
    add_measure('entropy', 'one dominant count', [1e12, 1.0, 2.0], base=2)
    add_measure('entropy', 'subnormal and normal', [5e-324, 1e-310, 1.0], source='mpmath',
                note='SciPy rounds 1/(1 + 1e-310) to 1, dropping the dominant term')
    add_measure('entropy', 'huge counts (sum overflows)', [1e308, 1e308, 1e300], source='mpmath',
                note='SciPy divides by sum(p) = inf')
    add_measure('entropy', 'logits', [1.0, 2.0, 3.0, -4.0], input_kind='logits')
    add_measure('entropy', 'logits, bits, masked', [0.5, -math.inf, 2.5, 2.0], input_kind='logits', base=2)
    add_measure('entropy', 'log-probabilities', [math.log(0.36), math.log(0.48), math.log(0.16)], input_kind='log')
    add_measure('entropy', 'log-counts, normalised', [math.log(3.0), math.log(1.0), math.log(6.0)], input_kind='log')
    add_measure('entropy', 'log-counts, raw', [math.log(3.0), math.log(1.0), math.log(6.0)], input_kind='log', normalize=False)
    for n in [1, 2, 7, 64, 100, 1000, 10000]:
        add_measure('entropy', f'dirichlet n={n}', rng.dirichlet(np.ones(n)).tolist(), base=['e', 2, 10, 3.5][n % 4])
    r = qm(100000, 7, 3, 11, 997, 13, 5)
    add_measure('entropy', 'recipe counts n=100000', expand(r), recipe={'p': r})
    r = qm(100000, 3, 1, 2, 101)
    add_measure('entropy', 'recipe counts n=100000, raw', expand(r), normalize=False, recipe={'p': r})
    r = {'kind': 'affine', 'of': qm(20000, 5, 2, 9, 1009), 'divideBy': 1009, 'scale': 12.0, 'offset': -6.0}
    add_measure('entropy', 'recipe logits n=20000', expand(r), input_kind='logits', recipe={'p': r})

    # The measures of two distributions: the same hand cases for each.
    for measure in pair_measures + ['renyi']:
        alphas = [0.5, 2.0] if measure == 'renyi' else [None]
        for alpha in alphas:
            tag = f' (alpha {alpha:g})' if alpha is not None else ''
            kw = {'alpha': alpha}
            add_measure(measure, 'cli example' + tag, [0.36, 0.48, 0.16], [third] * 3, **kw)
            add_measure(measure, 'cli example, bits' + tag, [0.36, 0.48, 0.16], [third] * 3, base=2, **kw)
            add_measure(measure, 'coin vs biased coin, bans' + tag, [0.5, 0.5], [0.9, 0.1], base=10, **kw)
            add_measure(measure, 'coin vs biased coin, base 3.5' + tag, [0.5, 0.5], [0.9, 0.1], base=3.5, **kw)
            add_measure(measure, 'identical' + tag, [0.2, 0.3, 0.5], [0.2, 0.3, 0.5], **kw)
            add_measure(measure, 'zeros in p and q at the same index' + tag, [0.0, 0.25, 0.75], [0.0, 0.5, 0.5], **kw)
            add_measure(measure, 'zero in q where p > 0' + tag, [0.5, 0.5], [1.0, 0.0], **kw)
            add_measure(measure, 'disjoint supports' + tag, [1.0, 0.0], [0.0, 1.0], **kw)
            add_measure(measure, 'counts needing normalisation' + tag, [3.0, 1.0, 0.0, 6.0], [2.0, 2.0, 1.0, 5.0], **kw)
            add_measure(measure, 'counts, raw' + tag, [3.0, 1.0, 0.0, 6.0], [2.0, 2.0, 1.0, 5.0], normalize=False, **kw)
            add_measure(measure, 'logits' + tag, [1.0, 2.0, 3.0, -4.0], [0.5, 2.5, 2.0, 0.0], input_kind='logits', **kw)
            if alpha is None:
                add_measure(measure, 'single element counts', [3.0], [5.0])
                add_measure(measure, 'log-probabilities, bits', [math.log(0.36), math.log(0.48), math.log(0.16)],
                            [math.log(third)] * 3, input_kind='log', base=2)
                add_measure(measure, 'huge counts (sums overflow)', [1e308, 1e308, 1e300], [1e308, 5e307, 1e308], source='mpmath',
                            note='SciPy/numpy divide by sum = inf')
                for n in [10, 1000]:
                    add_measure_drawn(measure, f'dirichlet n={n}',
                                      lambda: (rng.dirichlet(np.ones(n)).tolist(), rng.dirichlet(np.ones(n)).tolist()),
                                      base=2 if n == 10 else 'e')
    # Jensen-Shannon bounded by ln 2 exactly; TV by 1.
    add_measure('js', 'disjoint supports, bits', [1.0, 0.0, 0.0], [0.0, 0.5, 0.5], base=2)
    add_measure('js-distance', 'scipy example', [1.0, 0.0], [0.5, 0.5])
    add_measure('js-distance', 'scipy example, base 2', [1.0, 0.0, 0.0], [0.0, 1.0, 0.0], base=2.0)

    # Near-equal after normalisation (1e-6 and 1e-9 two-sided noise): the ill-conditioned cases for formulas
    # that cancel, exactly computable by src/core's; mpmath is the source where SciPy loses the digits.
    for n, eps in [(10, 1e-6), (100, 1e-6), (1000, 1e-9), (300, 1e-6)]:
        p = rng.dirichlet(np.ones(n))
        q = p * (1 + eps * rng.uniform(-1, 1, n))
        for measure in ['js', 'js-distance', 'hellinger', 'bhattacharyya', 'tv', 'jeffreys']:
            add_measure(measure, f'near-equal n={n} ({eps:g} two-sided noise)', p.tolist(), q.tolist(), base=2 if n == 100 else 'e')
    # The same as counts whose totals differ (normalisation by sums that are not powers of two apart).
    for measure in ['js', 'hellinger', 'bhattacharyya', 'tv', 'jeffreys']:
        c = rng.integers(1000, 100000, 200).astype(float)
        d = 3 * c * (1 + 1e-7 * rng.uniform(-1, 1, 200))
        add_measure(measure, 'near-equal counts n=200 (totals 3x apart, 1e-7 noise)', c.tolist(), d.tolist())

    # Renyi: orders, near alpha = 1 (mpmath), alpha -> 0 and large, infinity; conventions at q = 0.
    P3, Q3 = [0.36, 0.48, 0.16], [third] * 3
    for alpha in [1e-3, 0.1, 0.5, 0.9, 0.999, 1 - 1e-6, 1 - 1e-10, 1 + 1e-12, 1 + 1e-8, 1.001, 1.5, 3.0, 10.0, 100.0, math.inf]:
        add_measure('renyi', f'cli example, alpha {alpha!r}', P3, Q3, alpha=alpha, base=2 if alpha == 3.0 else 'e')
    for alpha in [0.25, 1 + 1e-9, 4.0, math.inf]:
        add_measure('renyi', f'zero in q where p > 0, alpha {alpha!r}', [0.5, 0.25, 0.25], [0.6, 0.4, 0.0], alpha=alpha)
    add_measure('renyi', 'disjoint supports, alpha 0.5 raw', [1.0, 0.0], [0.0, 2.0], alpha=0.5, normalize=False)
    add_measure('renyi', 'counts, raw, alpha 3', [3.0, 1.0, 6.0], [2.0, 2.0, 5.0], alpha=3.0, normalize=False)
    add_measure('renyi', 'probabilities, raw, alpha 0.7', [0.2, 0.3, 0.4], [0.3, 0.3, 0.3], alpha=0.7, normalize=False)
    add_measure('renyi', 'extreme ratios, alpha 2', [0.5, 0.5], [1e-300, 1.0], alpha=2.0, source='mpmath',
                note='sum(p**2 * q**-1) overflows in numpy')
    add_measure('renyi', 'extreme ratios, alpha 0.5', [1e-300, 1.0], [1.0, 1e-300], alpha=0.5)
    add_measure('renyi', 'log-probabilities, alpha 2', [math.log(0.36), math.log(0.48), math.log(0.16)], [math.log(third)] * 3,
                input_kind='log', alpha=2.0)
    for n, alpha in [(50, 0.5), (500, 2.0), (5000, 1 + 1e-7)]:
        add_measure_drawn('renyi', f'dirichlet n={n}, alpha {alpha!r}',
                          lambda: (rng.dirichlet(np.ones(n)).tolist(), rng.dirichlet(np.ones(n)).tolist()), alpha=alpha)
    for n, alpha in [(20, 0.5), (200, 2.0)]:
        def draw():
            p = rng.dirichlet(np.ones(n))
            return p.tolist(), (p * (1 + 5e-2 * rng.uniform(-1, 1, n))).tolist()
        add_measure_drawn('renyi', f'close n={n} (5e-2 noise), alpha {alpha:g}', draw, alpha=alpha)

    # Long inputs from recipes: 10^4 and 10^5, every measure.
    rp = qm(100000, 13, 5, 1, 10007, 17, 3)
    rq = qm(100000, 15, 6, 6, 10007)
    P, Q = expand(rp), expand(rq)
    for measure in pair_measures:
        add_measure(measure, 'recipe counts n=100000', P, Q, recipe={'p': rp, 'q': rq}, base=2 if measure == 'js' else 'e')
    for alpha in [0.5, 2.0]:
        add_measure('renyi', f'recipe counts n=100000, alpha {alpha:g}', P, Q, recipe={'p': rp, 'q': rq}, alpha=alpha)
    rp = qm(10000, 31, 17, 7, 65521)
    rq = {'kind': 'perturbed', 'of': rp, 'noise': qm(10000, 7, 3, 11, 997), 'm': 997, 'eps': 1e-6, 'twoSided': True}
    P, Q = expand(rp), expand(rq)
    for measure in ['js', 'hellinger', 'bhattacharyya', 'tv', 'jeffreys']:
        add_measure(measure, 'recipe near-equal counts n=10000 (1e-6 two-sided)', P, Q, recipe={'p': rp, 'q': rq})
    ra = {'kind': 'affine', 'of': qm(10000, 5, 2, 9, 1009), 'divideBy': 1009, 'scale': 8.0, 'offset': -4.0}
    rb = {'kind': 'affine', 'of': qm(10000, 7, 1, 3, 1013), 'divideBy': 1013, 'scale': 8.0, 'offset': -4.0}
    A, B = expand(ra), expand(rb)
    for measure in ['cross-entropy', 'js', 'hellinger', 'tv']:
        add_measure(measure, 'recipe logits n=10000', A, B, input_kind='logits', recipe={'p': ra, 'q': rb})

    # KL with normalize: false on near-equal distributions, q = p (1 + 1e-6 noise), against the 50-digit
    # reference: the accuracy requirement, up to 10^5 elements (kl.json stops at 3000).
    for n, two_sided in [(10000, False), (100000, False), (100000, True)]:
        base_recipe = qm(n, 7, 3, 11, 997) if n == 10000 else qm(n, 13, 5, 1, 10007)
        rp = {'kind': 'normalized', 'of': base_recipe}
        rq = {'kind': 'perturbed', 'of': rp, 'noise': qm(n, 5, 2, 9, 1009), 'm': 1009, 'eps': 1e-6, 'twoSided': two_sided}
        add_measure('kl', f'near-equal n={n} ({"two" if two_sided else "one"}-sided 1e-6 noise), raw', expand(rp), expand(rq),
                    normalize=False, source='mpmath', recipe={'p': rp, 'q': rq})

    out = {
        'generator': 'scripts/gen_fixtures.py',
        'scipy': scipy.__version__,
        'numpy': np.__version__,
        'mpmath': mpmath.__version__,
        'recipes': 'see scripts/gen_fixtures.py: quadratic-mod, normalized, perturbed, affine',
        'cases': measure_cases,
    }
    path = os.path.join(ROOT, 'test', 'fixtures', 'measures.json')
    with open(path, 'w') as f:
        json.dump(out, f, indent=None, separators=(',', ':'))
        f.write('\n')
    counts = {}
    for c in measure_cases:
        counts[c['measure']] = counts.get(c['measure'], 0) + 1
    print(f'{path}: {len(measure_cases)} cases {counts}, {os.path.getsize(path)} bytes')


if __name__ == '__main__':
    sys.exit(main())
