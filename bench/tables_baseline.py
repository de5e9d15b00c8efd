#!/usr/bin/env python3
"""pandas / SciPy baseline of the CSV table case of `npm run bench` (bench/tables.mjs runs this with
/usr/bin/python3, which has pandas; it is not meant to be run alone).

Usage: /usr/bin/python3 bench/tables_baseline.py CONFIG.json

CONFIG.json names the CSV file bench/tables.mjs wrote (columns p, q) and the warm-up and run counts. The case
is what a data scientist writes: pandas.read_csv (C engine, default float parser) of the two columns, then
scipy.special.rel_entr(p, q).sum(), timed with time.perf_counter (and time.process_time, the CPU time) over
`runs` calls after `warmup` calls. Prints one JSON object:
{"env": {...}, "cases": {"csv": {"median_ms", "min_ms", "cpu_ms", "value"}}}.
"""
import json
import statistics
import sys
import time

import pandas
import scipy
from scipy.special import rel_entr


def main():
    with open(sys.argv[1]) as f:
        config = json.load(f)
    path = config['csv']

    def case():
        frame = pandas.read_csv(path, usecols=['p', 'q'])
        return float(rel_entr(frame['p'].to_numpy(), frame['q'].to_numpy()).sum())

    value = None
    for _ in range(config['warmup']):
        value = case()
    times = []
    cpu = []
    for _ in range(config['runs']):
        start = time.perf_counter()
        start_cpu = time.process_time()
        value = case()
        times.append((time.perf_counter() - start) * 1e3)
        cpu.append((time.process_time() - start_cpu) * 1e3)
    print(json.dumps({
        'env': {'python': sys.version.split()[0], 'pandas': pandas.__version__, 'scipy': scipy.__version__},
        'cases': {'csv': {'median_ms': statistics.median(times), 'min_ms': min(times), 'cpu_ms': statistics.median(cpu), 'value': value}},
    }))


if __name__ == '__main__':
    main()
