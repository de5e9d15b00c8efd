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


if __name__ == '__main__':
    sys.exit(main())
