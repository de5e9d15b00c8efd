#!/usr/bin/env python3
"""SciPy / NumPy baselines for `npm run bench` (bench/run.mjs runs this; it is not meant to be run alone).

Usage: python3 bench/baseline.py CONFIG.json
       python3 bench/baseline.py --serve

With --serve it times the discrete measures' baselines interleaved with the node side's own cases: it reads
one JSON command per line on stdin and answers one JSON line on stdout: {"cmd": "load", "n", "p", "q",
"renyi": {key: order}} loads the arrays of one size and answers {"labels": {id: label}}; {"cmd": "once", "ids": [...]}
calls each case once and answers {"times": {id: ms}, "values": {id: value}}; {"cmd": "env"} answers the env
below; {"cmd": "drop"} lets the arrays go. The node side calls "once" in each round of its own timing loop,
so both sides see the same machine load.

CONFIG.json (written by bench/run.mjs into build/bench/) names the .npy and .csv files the node side wrote,
so both sides compute on the very same doubles, and the warm-up and run counts. Every case is timed with
time.perf_counter over `runs` calls after `warmup` calls; the result is printed to stdout as one JSON object:
{"env": {...}, "cases": {id: {"median_ms", "min_ms", "runs", "value", "label"}}}. Nothing else goes to stdout.

run.mjs starts this process with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from its environment (they
are set on some machines of this workplace and slow a current numpy down); `env.blas` reports the OpenBLAS
kernel actually loaded and its thread count, read through ctypes as threadpoolctl does.
"""
import ctypes
import json
import os
import platform
import statistics
import sys
import time

import numpy as np
import scipy
from scipy.linalg import cho_factor, cho_solve
from scipy.spatial.distance import jensenshannon
from scipy.special import rel_entr
from scipy.stats import entropy


def js_by_hand(p, q):
    """JSD in nats as one writes it with NumPy: ½Σ p log(p/m) + ½Σ q log(q/m), m = (p+q)/2."""
    m = 0.5 * (p + q)
    return 0.5 * ((p * np.log(p / m)).sum() + (q * np.log(q / m)).sum())


def renyi_by_hand(p, q, a):
    """Renyi's divergence of order a in nats as one writes it with NumPy (a = inf: ln max p/q)."""
    if a == float('inf'):
        return np.log((p / q).max())
    return np.log((p ** a * q ** (1 - a)).sum()) / (a - 1)


def discrete_cases(n, p, q, renyi):
    """{id: (label, fn)} of the discrete measures' baselines over p and q (n values each); renyi: {key: order}."""
    cases = {
        f'kl/{n}/rel_entr': ('scipy rel_entr(p,q).sum()', lambda: rel_entr(p, q).sum()),
        f'kl/{n}/numpy': ('numpy (p*np.log(p/q)).sum()', lambda: (p * np.log(p / q)).sum()),
        f'entropy/{n}/scipy': ('scipy entropy(p)', lambda: entropy(p)),
        f'entropy/{n}/numpy': ('numpy -(p*np.log(p)).sum()', lambda: -(p * np.log(p)).sum()),
        f'ce/{n}/scipy': ('scipy entropy(p) + entropy(p, q)', lambda: entropy(p) + entropy(p, q)),
        f'ce/{n}/numpy': ('numpy -(p*np.log(q)).sum()', lambda: -(p * np.log(q)).sum()),
        f'js/{n}/scipy': ('scipy jensenshannon(p,q)**2', lambda: jensenshannon(p, q) ** 2),
        f'js/{n}/numpy': ('numpy by hand, m = (p+q)/2', lambda: js_by_hand(p, q)),
        f'jeffreys/{n}/numpy': ('numpy ((p-q)*np.log(p/q)).sum()', lambda: ((p - q) * np.log(p / q)).sum()),
        f'tv/{n}/numpy': ('numpy 0.5*np.abs(p-q).sum()', lambda: 0.5 * np.abs(p - q).sum()),
        f'hellinger/{n}/numpy': ('numpy np.sqrt(0.5*((np.sqrt(p)-np.sqrt(q))**2).sum())',
                                 lambda: np.sqrt(0.5 * ((np.sqrt(p) - np.sqrt(q)) ** 2).sum())),
        f'bhattacharyya/{n}/numpy': ('numpy -np.log(np.sqrt(p*q).sum())', lambda: -np.log(np.sqrt(p * q).sum())),
    }
    # SciPy has no function for Renyi's divergence (nor for Jeffreys, TV, Hellinger, Bhattacharyya).
    for key, order in (renyi or {}).items():
        a = float(order)
        cases[f'renyi{key}/{n}/numpy'] = (f'numpy Renyi by hand, a = {order}', lambda a=a: renyi_by_hand(p, q, a))
    return cases


def serve():
    """The --serve loop (see the module's comment)."""
    cases = {}
    for line in sys.stdin:
        cmd = json.loads(line)
        if cmd['cmd'] == 'load':
            n = cmd['n']
            p = np.load(cmd['p'])
            q = np.load(cmd['q'])
            assert p.shape == (n,) and q.shape == (n,), (p.shape, q.shape, n)
            cases = discrete_cases(n, p, q, cmd.get('renyi'))
            del p, q
            reply = {'labels': {k: label for k, (label, _) in cases.items()}}
        elif cmd['cmd'] == 'once':
            times, values = {}, {}
            for case_id in cmd['ids']:
                t0 = time.perf_counter()
                values[case_id] = float(cases[case_id][1]())
                times[case_id] = (time.perf_counter() - t0) * 1e3
            reply = {'times': times, 'values': values}
        elif cmd['cmd'] == 'env':
            reply = environment()
        else:
            cases = {}
            reply = {}
        sys.stdout.write(json.dumps(reply) + '\n')
        sys.stdout.flush()


def environment():
    return {
        'python': platform.python_version(),
        'numpy': np.__version__,
        'scipy': scipy.__version__,
        'OPENBLAS_CORETYPE': os.environ.get('OPENBLAS_CORETYPE'),
        'OPENBLAS_L2_SIZE': os.environ.get('OPENBLAS_L2_SIZE'),
        'OPENBLAS_NUM_THREADS': os.environ.get('OPENBLAS_NUM_THREADS'),
        'blas': blas_info(),
    }


def timed(fn, warmup, runs):
    """(median ms, min ms, all ms, last value) of `runs` calls of fn after `warmup` calls."""
    value = None
    for _ in range(warmup):
        value = fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        value = fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times), min(times), times, float(value)


def openblas_libraries():
    """ctypes handles of the OpenBLAS libraries loaded in this process (numpy's and scipy's own copies)."""
    try:
        with open('/proc/self/maps') as f:
            paths = sorted({line.split()[-1] for line in f if 'openblas' in line.lower() and line.rstrip().endswith('.so')})
    except OSError:
        paths = []
    libs = []
    for path in paths:
        try:
            libs.append((path, ctypes.CDLL(path)))
        except OSError:
            pass
    return libs


def openblas_function(lib, name):
    """lib's `{prefix}_{name}{suffix}`, as scipy-openblas and plain OpenBLAS builds name their symbols."""
    for prefix in ('scipy_openblas', 'openblas'):
        for suffix in ('64_', '', '_64'):
            fn = getattr(lib, f'{prefix}_{name}{suffix}', None)
            if fn is not None:
                return fn
    return None


def set_blas_threads(n):
    for _, lib in openblas_libraries():
        fn = openblas_function(lib, 'set_num_threads')
        if fn is not None:
            fn.argtypes = [ctypes.c_int]
            fn(n)


def blas_info():
    """The OpenBLAS libraries loaded in this process, with their version, kernel (core) name and thread count."""
    found = []
    for path, lib in openblas_libraries():
        info = {'library': os.path.basename(path)}
        config = openblas_function(lib, 'get_config')
        if config is not None:
            config.restype = ctypes.c_char_p
            words = config().decode().split(' ')
            info['version'] = words[1] if words[0] == 'OpenBLAS' and len(words) > 1 else None
        core = openblas_function(lib, 'get_corename')
        threads = openblas_function(lib, 'get_num_threads')
        if core is not None:
            core.restype = ctypes.c_char_p
            info['core'] = core().decode()
        if threads is not None:
            threads.restype = ctypes.c_int
            info['threads'] = threads()
        found.append(info)
    return found


def main():
    with open(sys.argv[1]) as f:
        cfg = json.load(f)
    out = {}

    def record(case_id, label, fn, warmup, runs):
        med, mn, times, value = timed(fn, warmup, runs)
        out[case_id] = {'label': label, 'median_ms': med, 'min_ms': mn, 'runs': len(times), 'value': value}

    for item in cfg['sizes']:
        n, w, r = item['n'], item['warmup'], item['runs']
        if not item.get('interleaved', False):
            p = np.load(item['p'])
            q = np.load(item['q'])
            assert p.shape == (n,) and q.shape == (n,), (p.shape, q.shape, n)
            for case_id, (label, fn) in discrete_cases(n, p, q, item.get('renyi')).items():
                record(case_id, label, fn, w, r)
            del p, q

        def from_files(pf=item['p'], qf=item['q']):
            return rel_entr(np.load(pf), np.load(qf)).sum()

        record(f'npy/{n}/scipy', 'np.load x2 + rel_entr().sum()', from_files, w, r)

    for item in cfg.get('histogram', []):
        a = np.load(item['p'])
        b = np.load(item['q'])

        def hist_kl(a=a, b=b, bins=item['bins'], alpha=item['smoothing']):
            edges = np.histogram_bin_edges(np.concatenate([a, b]), bins)
            cp = np.histogram(a, edges)[0] + alpha
            cq = np.histogram(b, edges)[0] + alpha
            return rel_entr(cp / cp.sum(), cq / cq.sum()).sum()

        record(f"hist/{item['n']}/numpy", 'numpy histogram_bin_edges + histogram x2 + rel_entr', hist_kl, item['warmup'], item['runs'])
        del a, b

    csv = cfg.get('csv')
    if csv:
        csv_warmup = csv.get('python_warmup', csv['warmup'])
        try:
            import pandas as pd

            def read_csv():
                df = pd.read_csv(csv['path'])
                return rel_entr(df['p'].to_numpy(), df['q'].to_numpy()).sum()

            label = f'pandas {pd.__version__} read_csv + rel_entr().sum()'
        except ImportError:
            def read_csv():
                a = np.loadtxt(csv['path'], delimiter=',', skiprows=1)
                return rel_entr(a[:, 0], a[:, 1]).sum()

            label = 'numpy.loadtxt + rel_entr().sum() (pandas not installed)'
        record('csv/scipy', label, read_csv, csv_warmup, csv['runs'])

    default_threads = max([b.get('threads', 1) for b in blas_info()] or [1])
    for item in cfg.get('mvn', []):
        d = item['d']
        mu0, s0, mu1, s1 = (np.load(item[k]) for k in ('mu0', 'cov0', 'mu1', 'cov1'))

        def mvn(mu0=mu0, s0=s0, mu1=mu1, s1=s1, d=d):
            c0 = cho_factor(s0, lower=True)
            c1 = cho_factor(s1, lower=True)
            diff = mu1 - mu0
            trace = np.trace(cho_solve(c1, s0))
            maha = diff @ cho_solve(c1, diff)
            logdet = 2.0 * (np.log(np.diag(c1[0])).sum() - np.log(np.diag(c0[0])).sum())
            return 0.5 * (trace + maha - d + logdet)

        record(f'mvn/{d}/scipy', f'scipy cho_factor + cho_solve, OpenBLAS {default_threads} threads', mvn, item['warmup'], item['runs'])
        # Our mvnKl runs on one thread: the same route with OpenBLAS held to one thread, for comparison.
        set_blas_threads(1)
        try:
            record(f'mvn/{d}/scipy1', 'scipy cho_factor + cho_solve, OpenBLAS 1 thread', mvn, item['warmup'], item['runs'])
        finally:
            set_blas_threads(default_threads)

    json.dump({'env': environment(), 'cases': out}, sys.stdout)


if __name__ == '__main__':
    if sys.argv[1] == '--serve':
        serve()
    else:
        main()
