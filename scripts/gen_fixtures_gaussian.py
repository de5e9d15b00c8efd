#!/usr/bin/env python3
"""Generates test/fixtures/gaussian.json, the reference values of the Gaussian measures (src/core/gaussianKl.ts,
mvnKl.ts, gaussianEntropy.ts, vaeKl.ts, gmmKl.ts, random.ts). Run: `python3 scripts/gen_fixtures_gaussian.py`.

Every closed-form reference ("exact", a decimal string) is computed with mpmath from the exact binary values of
the inputs (each double converts to an mpf exactly), at 50 digits (univariate, VAE, entropies) or 40 digits
(multivariate: Cholesky, triangular solves and log-determinants in mpmath). Each case states its tolerance:

univariate  `rtol` 4e-15 (the closed form is computed as a sum of two non-negative terms from an accurate
            ln(sigma0/sigma1), a few ulp); "exact" may be "Infinity" where the value exceeds the doubles.
            `textbook` is ln(s1/s0) + (s0^2 + (m0-m1)^2)/(2 s1^2) - 1/2 in double precision, for the record:
            near-equal cases show why the library does not compute it that way.
mvn         `rtol` 1e-12 for well-conditioned cases: kappa <= 1e3, with kappa (`scaledCond`) the larger condition
            number of the two correlation matrices D^-1/2 Sigma D^-1/2 (D = diag Sigma), which bounds the accuracy
            of Cholesky whatever the units of the variables (van der Sluis); `cond0`, `cond1` are the plain 2-norm
            condition numbers, for the record. Otherwise the a-priori bound of a Cholesky-based method, 8*d*u*kappa
            (u = 2^-53), and for near-equal pairs (D ~ eps^2) 8*d*u*kappa/eps, where the rounding of the factors
            (~u*kappa) meets the size of L1^-1 L0 - I (~eps). `scipy` is the value of the SciPy route
            (scipy.linalg.cho_factor/cho_solve for the trace and Mahalanobis terms, numpy.linalg.slogdet for the
            log-determinants, grouped as in the textbook), with its relative error `scipyRelErr`.
            Matrices of d <= 50 are stored (row-major `values`, `shape`); d = 200 is a recipe, expanded with
            exact integer arithmetic identically here and in test/unit/core/gaussianFixtures.ts:
              {"kind": "spd-hash", "d": d, "seed": s, "m": m, "shift": c, "scaleExp": e}
              h(x) = lowbias32 (C. Wellons): x ^= x >> 16; x *= 0x7feb352d; x ^= x >> 15; x *= 0x846ca68b;
                     x ^= x >> 16 (all mod 2^32)
              B[i][j] = h((s * 0x9e3779b9 + i*d + j) mod 2^32) mod m - (m - 1)/2   (integers, m odd)
              Sigma = (B B^T + c I) * 2^-e          (integer entries below 2^53: exact in doubles)
              {"kind": "vector-hash", "n": n, "seed": s, "m": m, "scaleExp": e}:
              mu[i] = (h((s * 0x9e3779b9 + i) mod 2^32) mod m - (m - 1)/2) * 2^-e
entropy     univariate and multivariate differential entropies, rtol 4e-15 and 1e-13 (d <= 50); `scipy` is
            scipy.stats.norm(scale=s).entropy() / multivariate_normal(cov=S).entropy(), for the record.
vae         -1/2 sum(1 + lv - mu^2 - e^lv) = 1/2 sum(mu^2 + e^lv - 1 - lv), rtol 1e-14 (n <= 64 compensated terms).
gmm         `exact`: the true D(p||q) by adaptive quadrature of p (ln p - ln q) (log densities by log-sum-exp):
            scipy.integrate.quad on [min(mu - 40 sigma), max(mu + 40 sigma)] of p's components, split at the
            means of p and q, epsabs 1e-14, epsrel 1e-13, checked against mpmath.quad at 30 digits (`quadCheck`:
            their difference). The Monte Carlo test (seed and samples given) must land within 4 standard errors.
            `variational` (Hershey & Olsen 2007) and `unscented` (kappa = 0 and kappa = 2) are re-implemented
            here in mpmath at 30 digits from the formulas, rtol 1e-12 (atol 1e-14 near 0).
            `mcReplay`: the Monte Carlo estimate re-implemented here sample by sample (same generator, same order
            of draws), so the TS value must agree to 1e-12 (only the last ulp of exp/log may differ).
random      xoshiro128** outputs (re-implemented here; checked against the reference C code when this file
            was written): first uint32s, doubles in [0, 1), and polar-method normals, per seed.

Requires numpy, scipy and mpmath; deterministic (fixed seeds).
"""
import json
import math
import os
import sys

import mpmath
import numpy as np
import scipy
from scipy import integrate, linalg, stats
from scipy.special import logsumexp

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
U = 2.0 ** -53
M32 = 0xFFFFFFFF
M64 = 0xFFFFFFFFFFFFFFFF


def json_number(x):
    if x == math.inf:
        return 'Infinity'
    if x == -math.inf:
        return '-Infinity'
    if math.isnan(x):
        raise ValueError('NaN in a fixture')
    return float(x)


def exact_string(x, digits=50):
    if mpmath.isinf(x):
        return 'Infinity' if x > 0 else '-Infinity'
    if x == 0:
        return '0'
    if abs(x) > mpmath.mpf(2) ** 1024:  # beyond the doubles: the double result is infinite
        return 'Infinity' if x > 0 else '-Infinity'
    return mpmath.nstr(x, digits, min_fixed=-5, max_fixed=5)


def ln_base(base):
    return mpmath.mpf(1) if base == 'e' else mpmath.log(mpmath.mpf(base))


# ---------------------------------------------------------------------------------------------------------
# Univariate


def exact_gaussian_kl(m0, s0, m1, s1):
    m0, s0, m1, s1 = (mpmath.mpf(v) for v in (m0, s0, m1, s1))
    return mpmath.log(s1 / s0) + (s0 ** 2 + (m0 - m1) ** 2) / (2 * s1 ** 2) - mpmath.mpf(1) / 2


def textbook_gaussian_kl(m0, s0, m1, s1):
    m0, s0, m1, s1 = (np.float64(v) for v in (m0, s0, m1, s1))
    with np.errstate(all='ignore'):
        return float(np.log(s1 / s0) + (s0 ** 2 + (m0 - m1) ** 2) / (2 * s1 ** 2) - 0.5)


def univariate_cases(rng):
    mpmath.mp.dps = 50
    cases = []

    def add(name, m0, s0, m1, s1, base='e'):
        exact = exact_gaussian_kl(m0, s0, m1, s1) / ln_base(base)
        case = {'name': name, 'mu0': m0, 'sigma0': s0, 'mu1': m1, 'sigma1': s1, 'base': base,
                'exact': exact_string(exact), 'rtol': 4e-15}
        with np.errstate(all='ignore'):
            t = textbook_gaussian_kl(m0, s0, m1, s1) / float(ln_base(base))
        case['textbook'] = str(t) if math.isnan(t) else json_number(t)
        cases.append(case)

    add('N(0,1) from N(1,2^2)', 0.0, 1.0, 1.0, 2.0)
    add('N(1,2^2) from N(0,1) (reverse)', 1.0, 2.0, 0.0, 1.0)
    add('bits', 0.0, 1.0, 1.0, 2.0, base=2)
    add('bans', 0.0, 1.0, 1.0, 2.0, base=10)
    add('base 3.5', 0.0, 1.0, 1.0, 2.0, base=3.5)
    add('equal', 0.3, 1.7, 0.3, 1.7)
    add('equal sigma, shifted mean', 0.0, 2.0, 1.0, 2.0)
    add('equal mean, sigma ratio 3', 5.0, 3.0, 5.0, 1.0)
    add('equal mean, sigma ratio 1/3', 5.0, 1.0, 5.0, 3.0)
    for eps in [1e-2, 1e-4, 1e-6, 1e-8, 1e-10, 1e-12, 1e-15]:
        add(f'near-equal sigma, 1 + {eps:g}', 0.0, 1.0, 0.0, 1.0 + eps)
        add(f'near-equal sigma, 1 - {eps:g}', 0.0, 1.0, 0.0, 1.0 - eps)
    add('sigma ulp neighbours', 0.0, 1.0, 0.0, float(np.nextafter(1.0, 2.0)))
    add('sigma ulp neighbours at 3.7e5', 0.0, 3.7e5, 0.0, float(np.nextafter(3.7e5, 0.0)))
    add('near-equal mean, 1e-10', 1.0, 1.0, 1.0 + 1e-10, 1.0)
    add('near-equal both', 2.0, 0.5, 2.0 + 3e-9, 0.5 * (1 + 2e-9))
    add('tiny sigmas', 0.0, 1e-300, 1e-300, 2e-300)
    add('huge sigmas', 1e300, 1e300, -1e300, 3e300)
    add('sigma ratio 1e100', 0.0, 1e100, 0.0, 1.0)
    add('sigma ratio 1e-100', 0.0, 1e-100, 0.0, 1.0)
    add('sigma ratio 1.5e154 (D near the largest double)', 0.0, 1.5e154, 0.0, 1.0)
    add('sigma ratio 1e155 (D beyond the doubles)', 0.0, 1e155, 0.0, 1.0)
    add('mean difference overflows, D finite', 1.5e308, 1.0, -1.5e308, 1e160)
    add('mean difference beyond the doubles', 1e200, 1.0, -1e200, 1e-200)
    for i in range(30):
        m0, m1 = rng.normal(0, 3, 2)
        s0, s1 = 10 ** rng.uniform(-3, 3, 2)
        add(f'random {i}', float(m0), float(s0), float(m1), float(s1), base=['e', 2][i % 2])
    return cases


def entropy_univariate_cases():
    mpmath.mp.dps = 50
    cases = []
    for s, base in [(1.0, 'e'), (2.0, 'e'), (0.1, 'e'), (1 / math.sqrt(2 * math.pi * math.e), 'e'), (1e-300, 'e'),
                    (1e300, 'e'), (1.0, 2), (3.3, 10)]:
        exact = (mpmath.log(2 * mpmath.pi * mpmath.e * mpmath.mpf(s) ** 2) / 2) / ln_base(base)
        sp = float(stats.norm(scale=s).entropy()) / (1.0 if base == 'e' else math.log(base))
        cases.append({'name': f'sigma {s:g}, base {base}', 'sigma': s, 'base': base, 'exact': exact_string(exact),
                      'scipy': json_number(sp), 'rtol': 4e-15,
                      **({'atol': 1e-16} if abs(exact) < 1e-10 else {})})
    return cases


# ---------------------------------------------------------------------------------------------------------
# Multivariate


def lowbias32(x):
    x &= M32
    x ^= x >> 16
    x = (x * 0x7FEB352D) & M32
    x ^= x >> 15
    x = (x * 0x846CA68B) & M32
    x ^= x >> 16
    return x


def expand_matrix(r):
    d, s, m, c, e = r['d'], r['seed'], r['m'], r['shift'], r['scaleExp']
    B = np.array([[lowbias32(s * 0x9E3779B9 + i * d + j) % m - (m - 1) // 2 for j in range(d)] for i in range(d)],
                 dtype=np.int64)
    S = B @ B.T + c * np.eye(d, dtype=np.int64)
    assert np.abs(S).max() < 2 ** 53
    return S.astype(np.float64) * 2.0 ** -e


def expand_vector(r):
    n, s, m, e = r['n'], r['seed'], r['m'], r['scaleExp']
    return np.array([lowbias32(s * 0x9E3779B9 + i) % m - (m - 1) // 2 for i in range(n)], dtype=np.float64) * 2.0 ** -e


def mp_cholesky(A):
    """Lower Cholesky factor of a list-of-rows mpf matrix."""
    d = len(A)
    L = [[mpmath.mpf(0)] * d for _ in range(d)]
    for i in range(d):
        Li = L[i]
        for j in range(i + 1):
            Lj = L[j]
            s = A[i][j] - mpmath.fdot(Li[:j], Lj[:j])
            if i == j:
                Li[i] = mpmath.sqrt(s)
            else:
                Li[j] = s / Lj[j]
    return L


def mp_forward(L, b):
    d = len(L)
    y = [mpmath.mpf(0)] * d
    for i in range(d):
        y[i] = (b[i] - mpmath.fdot(L[i][:i], y[:i])) / L[i][i]
    return y


def exact_mvn(mu0, S0, mu1, S1):
    """D and its parts (trace, Mahalanobis, ln det ratio) from the exact binary inputs, in mpmath."""
    d = len(mu0)
    A0 = [[mpmath.mpf(float(x)) for x in row] for row in S0]
    A1 = [[mpmath.mpf(float(x)) for x in row] for row in S1]
    L0 = mp_cholesky(A0)
    L1 = mp_cholesky(A1)
    trace = mpmath.mpf(0)
    for j in range(d):  # column j of L1^-1 L0
        col = [L0[i][j] for i in range(d)]
        m = mp_forward(L1, col)
        trace += mpmath.fsum(x * x for x in m)
    y = mp_forward(L1, [mpmath.mpf(float(a)) - mpmath.mpf(float(b)) for a, b in zip(mu1, mu0)])
    maha = mpmath.fsum(x * x for x in y)
    logdet = 2 * mpmath.fsum(mpmath.log(L1[i][i]) - mpmath.log(L0[i][i]) for i in range(d))
    return (trace + maha - d + logdet) / 2, trace, maha, logdet


def scipy_mvn(mu0, S0, mu1, S1):
    d = len(mu0)
    c1 = linalg.cho_factor(S1, lower=True)
    trace = np.trace(linalg.cho_solve(c1, S0))
    diff = mu1 - mu0
    maha = diff @ linalg.cho_solve(c1, diff)
    logdet = np.linalg.slogdet(S1)[1] - np.linalg.slogdet(S0)[1]
    return float(0.5 * (trace + maha - d + logdet))


def scaled_cond(S):
    """The condition number of D^-1/2 S D^-1/2 (D = diag S): it, not cond(S), bounds the accuracy of Cholesky
    (van der Sluis), and it is invariant to the units of the variables."""
    r = 1 / np.sqrt(np.diag(S))
    return float(np.linalg.cond(S * np.outer(r, r)))


def random_spd(rng, d, cond):
    Q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    lam = np.logspace(0, math.log10(cond), d) if d > 1 else np.array([cond])
    rng.shuffle(lam)
    S = (Q * lam) @ Q.T
    return (S + S.T) / 2


def mvn_cases(rng):
    mpmath.mp.dps = 40
    cases = []

    def add(name, mu0, S0, mu1, S1, recipe=None, near_eps=None):
        mu0, mu1 = np.asarray(mu0, float), np.asarray(mu1, float)
        S0, S1 = np.asarray(S0, float), np.asarray(S1, float)
        d = len(mu0)
        assert (S0 == S0.T).all() and (S1 == S1.T).all()
        D, trace, maha, logdet = exact_mvn(mu0, S0, mu1, S1)
        cond0, cond1 = float(np.linalg.cond(S0)), float(np.linalg.cond(S1))
        kappa = max(scaled_cond(S0), scaled_cond(S1))
        rtol = 1e-12 if kappa <= 1e3 and near_eps is None else 8 * d * U * kappa / (near_eps or 1.0)
        rtol = max(rtol, 1e-13)
        sp = scipy_mvn(mu0, S0, mu1, S1)
        case = {'name': name, 'd': d, 'exact': exact_string(D, 40), 'rtol': rtol, 'cond0': cond0, 'cond1': cond1,
                'scaledCond': kappa,
                'parts': {'trace': float(trace), 'mahalanobis': float(maha), 'logDetRatio': float(logdet)},
                'scipy': sp, 'scipyRelErr': float(abs((mpmath.mpf(sp) - D) / D)) if D != 0 else abs(sp)}
        if recipe:
            case['recipe'] = recipe
        else:
            case['mu0'] = mu0.tolist()
            case['mu1'] = mu1.tolist()
            case['cov0'] = {'values': S0.ravel().tolist(), 'shape': [d, d]}
            case['cov1'] = {'values': S1.ravel().tolist(), 'shape': [d, d]}
        cases.append(case)
        print(f'  mvn {name}: d={d} kappa={kappa:.3g} rtol={rtol:.2g} scipyRelErr={case["scipyRelErr"]:.2g}', flush=True)

    add('d=1 (the univariate formula with variances)', [0.5], [[2.0]], [-1.0], [[0.5]])
    add('d=2 identity from 2I, mean (1, 0)', [0, 0], [[1, 0], [0, 1]], [1, 0], [[2, 0], [0, 2]])
    add('d=2 correlated', [0.1, -0.2], [[1, 0.5], [0.5, 2]], [0.3, 0.4], [[2, -0.3], [-0.3, 1]])
    add('d=2 equal covariances, different means', [0, 0], [[1, 0.9], [0.9, 1]], [1, -1], [[1, 0.9], [0.9, 1]])
    add('d=2 equal', [1, 2], [[3, 1], [1, 2]], [1, 2], [[3, 1], [1, 2]])
    add('d=5 diagonal', rng.normal(size=5), np.diag(10 ** rng.uniform(-1, 1, 5)), rng.normal(size=5),
        np.diag(10 ** rng.uniform(-1, 1, 5)))
    add('d=3 random, cond 10', rng.normal(size=3), random_spd(rng, 3, 10), rng.normal(size=3), random_spd(rng, 3, 10))
    add('d=10 random, cond 100', rng.normal(size=10), random_spd(rng, 10, 100), rng.normal(size=10),
        random_spd(rng, 10, 100))
    add('d=10 random, cond 1e4', rng.normal(size=10), random_spd(rng, 10, 1e4), rng.normal(size=10),
        random_spd(rng, 10, 1e4))
    add('d=10 ill-conditioned, cond 1e8', rng.normal(size=10), random_spd(rng, 10, 1e8), rng.normal(size=10),
        random_spd(rng, 10, 30))
    add('d=50 random, cond 30', rng.normal(size=50), random_spd(rng, 50, 30), rng.normal(size=50),
        random_spd(rng, 50, 30))
    scale = 10 ** np.linspace(-3, 3, 50)
    add('d=50 variables scaled 1e-3 .. 1e3 (cond 1e12, correlations cond 30)', np.zeros(50),
        np.outer(scale, scale) * random_spd(rng, 50, 30), scale * rng.normal(size=50),
        np.outer(scale, scale) * random_spd(rng, 50, 30))
    # Near-equal: Sigma0 = Sigma1 + eps*E (E symmetric, |E| ~ |Sigma1|), mu0 = mu1 + eps*v.
    for eps in [1e-3, 1e-6]:
        S1 = random_spd(rng, 10, 10)
        E = rng.normal(size=(10, 10))
        E = (E + E.T) / 2
        S0 = S1 + eps * E
        S0 = (S0 + S0.T) / 2
        mu1 = rng.normal(size=10)
        add(f'd=10 near-equal, eps {eps:g}', mu1 + eps * rng.normal(size=10), S0, mu1, S1, near_eps=eps)
    # d = 200 from recipes (integer matrices, exact in doubles).
    for name, r0, r1, v0, v1 in [
        ('d=200 recipe, cond 15',
         {'kind': 'spd-hash', 'd': 200, 'seed': 1, 'm': 21, 'shift': 2000, 'scaleExp': 12},
         {'kind': 'spd-hash', 'd': 200, 'seed': 2, 'm': 21, 'shift': 2000, 'scaleExp': 12},
         {'kind': 'vector-hash', 'n': 200, 'seed': 3, 'm': 21, 'scaleExp': 3},
         {'kind': 'vector-hash', 'n': 200, 'seed': 4, 'm': 21, 'scaleExp': 3}),
        ('d=200 recipe, cond 40 and 150',
         {'kind': 'spd-hash', 'd': 200, 'seed': 3, 'm': 17, 'shift': 500, 'scaleExp': 0},
         {'kind': 'spd-hash', 'd': 200, 'seed': 4, 'm': 21, 'shift': 200, 'scaleExp': 0},
         {'kind': 'vector-hash', 'n': 200, 'seed': 5, 'm': 101, 'scaleExp': 0},
         {'kind': 'vector-hash', 'n': 200, 'seed': 6, 'm': 101, 'scaleExp': 0}),
    ]:
        add(name, expand_vector(v0), expand_matrix(r0), expand_vector(v1), expand_matrix(r1),
            recipe={'mu0': v0, 'cov0': r0, 'mu1': v1, 'cov1': r1})
    return cases


def entropy_multivariate_cases(rng):
    mpmath.mp.dps = 40
    cases = []

    def add(name, S, recipe=None):
        S = np.asarray(S, float)
        d = len(S)
        L = mp_cholesky([[mpmath.mpf(float(x)) for x in row] for row in S])
        exact = d * (1 + mpmath.log(2 * mpmath.pi)) / 2 + mpmath.fsum(mpmath.log(L[i][i]) for i in range(d))
        case = {'name': name, 'd': d, 'exact': exact_string(exact, 40), 'rtol': 1e-13,
                'scipy': float(stats.multivariate_normal(cov=S).entropy())}
        if recipe:
            case['recipe'] = recipe
        else:
            case['cov'] = {'values': S.ravel().tolist(), 'shape': [d, d]}
        cases.append(case)

    add('d=1 variance 4', [[4.0]])
    add('d=2 identity', np.eye(2))
    add('d=3 random, cond 10', random_spd(rng, 3, 10))
    add('d=20 random, cond 1e3', random_spd(rng, 20, 1e3))
    add('d=400 0.1 I (|Sigma| = 1e-400 underflows)', 0.1 * np.eye(400))
    r = {'kind': 'spd-hash', 'd': 200, 'seed': 1, 'm': 21, 'shift': 2000, 'scaleExp': 12}
    add('d=200 recipe', expand_matrix(r), recipe=r)
    # The 400x400 diagonal one is stored as a recipe-free scaled identity: keep the JSON small.
    for c in cases:
        if c['d'] == 400:
            del c['cov']
            c['scaledIdentity'] = {'d': 400, 'scale': 0.1}
    return cases


# ---------------------------------------------------------------------------------------------------------
# VAE


def vae_cases(rng):
    mpmath.mp.dps = 50
    cases = []

    def add(name, mu, lv, rows=None, base='e'):
        mu = [float(x) for x in mu]
        lv = [float(x) for x in lv]
        terms = [(mpmath.mpf(m) ** 2 + mpmath.expm1(mpmath.mpf(v)) - mpmath.mpf(v)) / 2 for m, v in zip(mu, lv)]
        exact = mpmath.fsum(terms) / ln_base(base)
        textbook = -0.5 * float(np.sum(1 + np.array(lv) - np.array(mu) ** 2 - np.exp(np.array(lv))))
        case = {'name': name, 'mu': mu, 'logvar': lv, 'base': base, 'exact': exact_string(exact), 'rtol': 1e-14,
                'textbook': textbook / float(ln_base(base))}
        if rows:
            w = len(mu) // rows
            case['rows'] = rows
            case['perRow'] = [exact_string(mpmath.fsum(terms[r * w:(r + 1) * w]) / ln_base(base)) for r in range(rows)]
        cases.append(case)

    add('doc example', [0, 1], [0, math.log(2)])
    add('standard normal posterior', [0, 0, 0], [0, 0, 0])
    add('random 8', rng.normal(size=8), rng.normal(size=8))
    add('random 8, bits', rng.normal(size=8), rng.normal(size=8), base=2)
    add('batch 4 x 16', rng.normal(size=64), rng.normal(0, 2, size=64), rows=4)
    add('near-perfect posterior (1e-9)', rng.normal(0, 1e-9, size=16), rng.normal(0, 1e-9, size=16))
    add('near-perfect posterior (1e-5)', rng.normal(0, 1e-5, size=16), rng.normal(0, 1e-5, size=16))
    add('large log-variances', [0.0, 1.0, -2.0], [-50.0, 30.0, 700.0])
    return cases


# ---------------------------------------------------------------------------------------------------------
# Gaussian mixtures


def mix_logpdf(x, w, m, s):
    w, m, s = np.asarray(w, float), np.asarray(m, float), np.asarray(s, float)
    w = w / w.sum()
    keep = w > 0
    w, m, s = w[keep], m[keep], s[keep]
    z = (np.asarray(x, float)[..., None] - m) / s
    return logsumexp(np.log(w) - np.log(s) - 0.5 * math.log(2 * math.pi) - 0.5 * z * z, axis=-1)


def quad_kl(p, q):
    lo = min(mu - 40 * s for mu, s in zip(p['means'], p['sigmas']))
    hi = max(mu + 40 * s for mu, s in zip(p['means'], p['sigmas']))
    points = sorted({float(x) for x in list(p['means']) + list(q['means']) if lo < x < hi})

    def f(x):
        lp = mix_logpdf(x, p['weights'], p['means'], p['sigmas'])
        lq = mix_logpdf(x, q['weights'], q['means'], q['sigmas'])
        return float(np.exp(lp) * (lp - lq))

    value, err = integrate.quad(f, lo, hi, points=points, epsabs=1e-14, epsrel=1e-13, limit=1000)
    return value, err, (lo, hi, points)


def mp_mix_logpdf(x, w, m, s):
    tot = mpmath.fsum(w)
    return mpmath.log(mpmath.fsum(wi / tot * mpmath.npdf(x, mi, si) for wi, mi, si in zip(w, m, s) if wi > 0))


def mp_quad_kl(p, q, lo, hi, points):
    mpmath.mp.dps = 30
    P = [[mpmath.mpf(v) for v in p[k]] for k in ('weights', 'means', 'sigmas')]
    Q = [[mpmath.mpf(v) for v in q[k]] for k in ('weights', 'means', 'sigmas')]
    # Split finely around every component of p so the Gauss-Legendre rule sees smooth pieces.
    cuts = {lo, hi, *points}
    for mu, s in zip(p['means'], p['sigmas']):
        for k in range(-12, 13):
            c = mu + k * s
            if lo < c < hi:
                cuts.add(c)

    def f(x):
        lp = mp_mix_logpdf(x, *P)
        return mpmath.exp(lp) * (lp - mp_mix_logpdf(x, *Q))

    return mpmath.quad(f, sorted(cuts))


def mp_gauss_kl(m0, s0, m1, s1):
    return mpmath.log(s1 / s0) + (s0 ** 2 + (m0 - m1) ** 2) / (2 * s1 ** 2) - mpmath.mpf(1) / 2


def mp_norm(w):
    t = mpmath.fsum(w)
    return [x / t for x in w]


def mp_variational(p, q):
    """Hershey & Olsen (2007), eq. (18): sum_a pi_a ln(sum_a' pi_a' e^-D(fa||fa') / sum_b w_b e^-D(fa||gb))."""
    mpmath.mp.dps = 30
    pw = mp_norm([mpmath.mpf(v) for v in p['weights']])
    qw = mp_norm([mpmath.mpf(v) for v in q['weights']])
    pm, ps = [mpmath.mpf(v) for v in p['means']], [mpmath.mpf(v) for v in p['sigmas']]
    qm, qs = [mpmath.mpf(v) for v in q['means']], [mpmath.mpf(v) for v in q['sigmas']]
    total = mpmath.mpf(0)
    for a in range(len(pw)):
        if pw[a] == 0:
            continue
        num = mpmath.fsum(pw[b] * mpmath.exp(-mp_gauss_kl(pm[a], ps[a], pm[b], ps[b])) for b in range(len(pw)))
        den = mpmath.fsum(qw[b] * mpmath.exp(-mp_gauss_kl(pm[a], ps[a], qm[b], qs[b])) for b in range(len(qw)))
        total += pw[a] * mpmath.log(num / den)
    return total


def mp_unscented(p, q, kappa):
    """Sum_a pi_a sum_k W_k ln(p(x_ak)/q(x_ak)), x = mu_a and mu_a +- sqrt(1 + kappa) sigma_a, W = kappa/(1+kappa), 1/(2(1+kappa))."""
    mpmath.mp.dps = 30
    P = [[mpmath.mpf(v) for v in p[k]] for k in ('weights', 'means', 'sigmas')]
    Q = [[mpmath.mpf(v) for v in q[k]] for k in ('weights', 'means', 'sigmas')]
    pw = mp_norm(P[0])
    kappa = mpmath.mpf(kappa)
    h = mpmath.sqrt(1 + kappa)

    def f(x):
        return mp_mix_logpdf(x, *P) - mp_mix_logpdf(x, *Q)

    total = mpmath.mpf(0)
    for a in range(len(pw)):
        if pw[a] == 0:
            continue
        mu, s = P[1][a], P[2][a]
        v = (f(mu + h * s) + f(mu - h * s)) / (2 * (1 + kappa))
        if kappa > 0:
            v += kappa / (1 + kappa) * f(mu)
        total += pw[a] * v
    return total


# xoshiro128** and SplitMix64, as src/core/random.ts


class Xoshiro128:
    def __init__(self, seed):
        x = seed

        def sm():
            nonlocal x
            x = (x + 0x9E3779B97F4A7C15) & M64
            z = x
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
            return z ^ (z >> 31)

        z1, z2 = sm(), sm()
        self.s = [z1 & M32, z1 >> 32, z2 & M32, z2 >> 32]
        self.spare = None

    @staticmethod
    def rotl(v, k):
        return ((v << k) | (v >> (32 - k))) & M32

    def uint32(self):
        s = self.s
        r = (self.rotl((s[1] * 5) & M32, 7) * 9) & M32
        t = (s[1] << 9) & M32
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = self.rotl(s[3], 11)
        return r

    def double(self):
        a = self.uint32() >> 5
        b = self.uint32() >> 6
        return (a * 67108864 + b) / 9007199254740992

    def normal(self):
        if self.spare is not None:
            v, self.spare = self.spare, None
            return v
        while True:
            u = 2 * self.double() - 1
            v = 2 * self.double() - 1
            s = u * u + v * v
            if 0 < s < 1:
                break
        f = math.sqrt(-2 * math.log(s) / s)
        self.spare = v * f
        return u * f


def mc_replay(p, q, samples, seed):
    """The Monte Carlo estimate exactly as gmmKl draws it (component from one double, then one normal)."""
    rng = Xoshiro128(seed)
    w = np.asarray(p['weights'], float)
    keep = w > 0
    w, m, s = w[keep] / w.sum(), np.asarray(p['means'], float)[keep], np.asarray(p['sigmas'], float)[keep]
    cum = np.cumsum(w)
    xs = []
    for _ in range(samples):
        u = rng.double()
        a = 0
        while a < len(w) - 1 and u >= cum[a]:
            a += 1
        xs.append(m[a] + s[a] * rng.normal())
    f = mix_logpdf(np.array(xs), p['weights'], p['means'], p['sigmas']) - mix_logpdf(np.array(xs), q['weights'], q['means'], q['sigmas'])
    return float(f.mean()), float(f.std(ddof=1) / math.sqrt(samples))


def gmm_cases():
    cases = []

    def mix(w, m, s):
        return {'weights': [float(x) for x in w], 'means': [float(x) for x in m], 'sigmas': [float(x) for x in s]}

    def add(name, p, q, samples=100000, seed=1, base='e'):
        value, err, (lo, hi, points) = quad_kl(p, q)
        check = mp_quad_kl(p, q, lo, hi, points)
        var = mp_variational(p, q)
        uns0 = mp_unscented(p, q, 0)
        uns2 = mp_unscented(p, q, 2)
        lb = float(ln_base(base))
        replay_samples = 2000
        rv, rs = mc_replay(p, q, replay_samples, seed)
        case = {'name': name, 'p': p, 'q': q, 'base': base,
                'exact': value / lb, 'quadAbsErr': err / lb, 'quadCheck': float(abs(check - value)) / lb,
                'variational': float(var) / lb, 'unscented': float(uns0) / lb, 'unscentedKappa2': float(uns2) / lb,
                'rtol': 1e-12, 'atol': 1e-14,
                'mc': {'samples': samples, 'seed': seed},
                'mcReplay': {'samples': replay_samples, 'seed': seed, 'value': rv / lb, 'stderr': rs / lb}}
        cases.append(case)
        print(f'  gmm {name}: D={value:.6g} (quad err {err:.1g}, vs mpmath {case["quadCheck"]:.1g}) var={float(var):.6g} '
              f'uns={float(uns0):.6g} uns2={float(uns2):.6g}', flush=True)

    add('single Gaussians (closed form)', mix([1], [0], [1]), mix([1], [1], [2]))
    add('bimodal from standard normal', mix([0.5, 0.5], [-1, 1], [0.5, 0.5]), mix([1], [0], [1]))
    add('standard normal from bimodal', mix([1], [0], [1]), mix([0.5, 0.5], [-1, 1], [0.5, 0.5]))
    add('three components, unnormalised weights', mix([2, 1, 1], [-2, 0, 3], [0.7, 1.2, 0.5]),
        mix([1, 1], [-1, 2], [1.5, 1.0]), seed=7)
    add('zero-weight component in p', mix([0.3, 0, 0.7], [0, 50, 1], [1, 1, 0.3]), mix([0.5, 0.5], [0, 1], [1, 1]),
        seed=3)
    add('far apart (heavy log-ratio tails)', mix([0.5, 0.5], [-5, 5], [1, 1]), mix([0.9, 0.1], [-5, 5], [1, 1]),
        seed=11, base=2)
    add('equal mixtures', mix([0.2, 0.8], [0, 2], [1, 0.5]), mix([0.2, 0.8], [0, 2], [1, 0.5]), seed=5)
    add('narrow against wide', mix([0.6, 0.4], [0, 0.5], [0.05, 0.1]), mix([0.5, 0.5], [-1, 1], [3, 3]), seed=13)
    return cases


def random_cases():
    out = []
    for seed in [0, 1, 42, 2 ** 32, 2 ** 53 - 1]:
        r = Xoshiro128(seed)
        ints = [r.uint32() for _ in range(8)]
        r = Xoshiro128(seed)
        doubles = [r.double() for _ in range(4)]
        r = Xoshiro128(seed)
        normals = [r.normal() for _ in range(5)]
        out.append({'seed': seed, 'uint32': ints, 'doubles': doubles, 'normals': normals})
    return out


def main():
    rng = np.random.default_rng(20240612)
    print('univariate ...', flush=True)
    uni = univariate_cases(rng)
    ent_uni = entropy_univariate_cases()
    print('multivariate ...', flush=True)
    mvn = mvn_cases(rng)
    ent_mv = entropy_multivariate_cases(rng)
    print('vae ...', flush=True)
    vae = vae_cases(rng)
    print('gmm ...', flush=True)
    gmm = gmm_cases()
    out = {
        'generator': 'scripts/gen_fixtures_gaussian.py',
        'scipy': scipy.__version__,
        'numpy': np.__version__,
        'mpmath': mpmath.__version__,
        'recipes': {
            'hash': 'lowbias32: x ^= x >> 16; x *= 0x7feb352d; x ^= x >> 15; x *= 0x846ca68b; x ^= x >> 16 (mod 2^32)',
            'spd-hash': 'B[i][j] = h((seed*0x9e3779b9 + i*d + j) mod 2^32) mod m - (m-1)/2; Sigma = (B B^T + shift I) * 2^-scaleExp',
            'vector-hash': 'mu[i] = (h((seed*0x9e3779b9 + i) mod 2^32) mod m - (m-1)/2) * 2^-scaleExp',
        },
        'univariate': uni,
        'entropy': {'univariate': ent_uni, 'multivariate': ent_mv},
        'mvn': mvn,
        'vae': vae,
        'gmm': gmm,
        'random': random_cases(),
    }
    path = os.path.join(ROOT, 'test', 'fixtures', 'gaussian.json')
    with open(path, 'w') as f:
        json.dump(out, f, indent=None, separators=(',', ':'), allow_nan=False)
        f.write('\n')
    print(f'{path}: {len(uni)} univariate, {len(mvn)} mvn, {len(vae)} vae, {len(gmm)} gmm cases, '
          f'{os.path.getsize(path)} bytes')


if __name__ == '__main__':
    sys.exit(main())
