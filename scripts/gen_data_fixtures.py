#!/usr/bin/env python3
"""Writes the .npy / .npz reference files of test/fixtures/data/ with numpy itself, and expected.json beside
them: for each array numpy's own reading of it (shape, dtype, Fortran order, and the values as numpy converts
them to float64, row-major). test/unit/data/npyFixtures.test.ts reads them with src/data and compares.

    python3 scripts/gen_data_fixtures.py

Each file is small (< 20 KB). Values that JSON cannot hold are written as strings: "NaN", "Infinity",
"-Infinity", and "-0" for negative zero.
"""
import json
import math
import os
import sys

import numpy as np
from numpy.lib import format as npformat

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'data')


def encode(x: float):
    if math.isnan(x):
        return 'NaN'
    if math.isinf(x):
        return 'Infinity' if x > 0 else '-Infinity'
    if x == 0 and math.copysign(1.0, x) < 0:
        return '-0'
    return x


def describe(a: np.ndarray, fortran: bool):
    return {
        'shape': list(a.shape),
        'dtype': npformat.dtype_to_descr(a.dtype),
        'fortran_order': fortran,
        'values': [encode(float(v)) for v in np.asarray(a, dtype=np.float64).ravel(order='C')],
    }


def save(name: str, a: np.ndarray, version=None):
    path = os.path.join(OUT, name)
    with open(path, 'wb') as f:
        npformat.write_array(f, a, version=version, allow_pickle=False)
    fortran = bool(a.flags.f_contiguous and not a.flags.c_contiguous)
    back = np.load(path)
    assert back.dtype == a.dtype and back.shape == a.shape and np.array_equal(back, a, equal_nan=a.dtype.kind == 'f')
    return describe(back, fortran)


def main():
    os.makedirs(OUT, exist_ok=True)
    arrays = {}
    f16 = np.array([0.0, -0.0, 1.0, -2.5, 0.1, 1 / 3, 65504.0, 2.0**-24, 2.0**-14, np.inf, -np.inf, np.nan], dtype=np.float16)
    f32 = np.array([0.0, -0.0, 1.5, 0.1, 1 / 3, 3.4028234663852886e38, 1.401298464324817e-45, 1.1754943508222875e-38, np.inf, -np.inf, np.nan, -123456.789], dtype=np.float32)
    f64 = np.array([0.0, -0.0, 0.1, 1 / 3, np.pi, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -1e-300, np.inf, -np.inf, np.nan], dtype=np.float64)
    arrays['f2.npy'] = save('f2.npy', f16)
    arrays['f4.npy'] = save('f4.npy', f32)
    arrays['f8.npy'] = save('f8.npy', f64)
    arrays['i1.npy'] = save('i1.npy', np.array([-128, -1, 0, 1, 127], dtype=np.int8))
    arrays['i2.npy'] = save('i2.npy', np.array([-32768, -1, 0, 1, 32767], dtype=np.int16))
    arrays['i4.npy'] = save('i4.npy', np.array([-2147483648, -1, 0, 1, 2147483647], dtype=np.int32))
    i64 = np.array([-(2**63), -(2**53) - 1, -(2**53), -1, 0, 1, 2**53, 2**53 + 1, 2**53 + 3, 2**63 - 1, 1234567890123], dtype=np.int64)
    arrays['i8.npy'] = save('i8.npy', i64)
    arrays['u1.npy'] = save('u1.npy', np.array([0, 1, 128, 255], dtype=np.uint8))
    arrays['u2.npy'] = save('u2.npy', np.array([0, 1, 32768, 65535], dtype=np.uint16))
    arrays['u4.npy'] = save('u4.npy', np.array([0, 1, 2**31, 2**32 - 1], dtype=np.uint32))
    arrays['u8.npy'] = save('u8.npy', np.array([0, 1, 2**53, 2**53 + 1, 2**63, 2**64 - 1], dtype=np.uint64))
    arrays['b1.npy'] = save('b1.npy', np.array([True, False, False, True, True], dtype=np.bool_))
    arrays['be_f8.npy'] = save('be_f8.npy', f64.astype('>f8'))
    arrays['be_f4.npy'] = save('be_f4.npy', f32.astype('>f4'))
    arrays['be_f2.npy'] = save('be_f2.npy', f16.astype('>f2'))
    arrays['be_i2.npy'] = save('be_i2.npy', np.array([-32768, -2, 0, 3, 32767], dtype='>i2'))
    arrays['be_i4.npy'] = save('be_i4.npy', np.array([-2147483648, -2, 0, 3, 2147483647], dtype='>i4'))
    arrays['be_i8.npy'] = save('be_i8.npy', i64.astype('>i8'))
    arrays['be_u8.npy'] = save('be_u8.npy', np.array([0, 1, 2**53 + 1, 2**64 - 1], dtype='>u8'))
    m = np.arange(12, dtype=np.float64).reshape(3, 4) / 8 - 0.5
    arrays['c_f8_2d.npy'] = save('c_f8_2d.npy', m)
    arrays['fortran_f8_2d.npy'] = save('fortran_f8_2d.npy', np.asfortranarray(m))
    arrays['fortran_i2_2d.npy'] = save('fortran_i2_2d.npy', np.asfortranarray(np.arange(-7, 8, dtype=np.int16).reshape(5, 3)))
    arrays['fortran_be_f4_2d.npy'] = save('fortran_be_f4_2d.npy', np.asfortranarray(m.astype('>f4')))
    arrays['v2_f8.npy'] = save('v2_f8.npy', f64, version=(2, 0))
    arrays['v3_f4_2d.npy'] = save('v3_f4_2d.npy', np.asfortranarray(m.astype(np.float32)), version=(3, 0))
    arrays['scalar_f8.npy'] = save('scalar_f8.npy', np.array(2.75))
    arrays['empty_f8.npy'] = save('empty_f8.npy', np.zeros((0,), dtype=np.float64))
    arrays['empty_2d.npy'] = save('empty_2d.npy', np.zeros((0, 3), dtype=np.float32))

    errors = {}

    def save_bad(name, a, code, allow_pickle=False):
        with open(os.path.join(OUT, name), 'wb') as f:
            npformat.write_array(f, a, allow_pickle=allow_pickle)
        errors[name] = code

    save_bad('f8_3d.npy', np.zeros((2, 3, 4)), 'unsupported-file')
    save_bad('c16.npy', np.array([1 + 2j, 3 - 4j]), 'unsupported-file')
    save_bad('U3.npy', np.array(['ab', 'cde']), 'unsupported-file')
    save_bad('structured.npy', np.array([(1.0, 2), (3.0, 4)], dtype=[('a', '<f8'), ('b', '<i4')]), 'unsupported-file')
    save_bad('object.npy', np.array([1, 'x', None], dtype=object), 'unsupported-file', allow_pickle=True)
    save_bad('datetime.npy', np.array(['2012-01-01', '2015-12-31'], dtype='datetime64[D]'), 'unsupported-file')

    rng = np.random.default_rng(20240521)
    a = np.linspace(-1, 1, 7)
    b = np.arange(6, dtype=np.int32).reshape(2, 3)
    c = np.array([True, False, True])
    # Compressible but not trivially: exercises dynamic Huffman blocks and back-references.
    d = rng.integers(0, 12, size=2000).astype(np.int16)
    archives = {}

    def archive(name, saver, members):
        path = os.path.join(OUT, name)
        saver(path, **members)
        with np.load(path) as z:
            assert sorted(z.files) == sorted(members)
            archives[name] = {'members': list(z.files), 'arrays': {k: describe(z[k], False) for k in z.files}}

    archive('stored.npz', np.savez, {'a': a, 'b': b, 'c': c})
    archive('compressed.npz', np.savez_compressed, {'a': a, 'b': b, 'c': c, 'd': d})
    archive('single.npz', np.savez_compressed, {'x': f64})
    archive('single_stored.npz', np.savez, {'arr_0': m})

    expected = {
        'generator': f'scripts/gen_data_fixtures.py with numpy {np.__version__}',
        'arrays': arrays,
        'errors': errors,
        'archives': archives,
    }
    with open(os.path.join(OUT, 'expected.json'), 'w') as f:
        # One line per array keeps the file small and its diffs readable.
        f.write('{\n' + ',\n'.join(
            f'{json.dumps(section)}: {{\n' + ',\n'.join(f' {json.dumps(k)}: {json.dumps(v, separators=(",", ":"))}' for k, v in body.items()) + '\n}'
            if isinstance(body, dict) else f'{json.dumps(section)}: {json.dumps(body)}'
            for section, body in expected.items()) + '\n}\n')
    for name in sorted(os.listdir(OUT)):
        size = os.path.getsize(os.path.join(OUT, name))
        if size >= 20_000:
            sys.exit(f'{name} is {size} bytes; fixtures must stay under 20 KB')

    print(f'wrote {len(arrays) + len(errors)} .npy and {len(archives)} .npz files to {os.path.relpath(OUT)}')


if __name__ == '__main__':
    main()
