import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { halfToFloat, parseNpy, readNpyHeader } from '../../../src/data/npy';
import { encodeValues, npyBytes, npyF8 } from './binaryWriters';
import { assertValues, decodeExpected, expectError, onlyDivergenceErrors } from './dataAssert';

const fixtures = join(__dirname, '..', '..', 'fixtures', 'data');

interface Expected {
  readonly shape: number[];
  readonly dtype: string;
  readonly fortran_order: boolean;
  readonly values: (number | string)[];
}

describe('npy', () => {
  describe('dtypes, by hand-written files', () => {
    it('f8 in both byte orders, with -0, subnormals, infinities and NaN', () => {
      const xs = [0.1, -0, 5e-324, 1.7976931348623157e308, -Infinity, Infinity, NaN, -1 / 3];
      for (const descr of ['<f8', '>f8', '=f8']) {
        const a = parseNpy(npyBytes({ descr, shape: [xs.length], data: encodeValues(xs, descr) }));
        assertValues(a.values, xs, descr);
        assert.deepEqual(a.shape, [8]);
        assert.equal(a.dtype, descr);
        assert.equal(a.fortranOrder, false);
        assert.deepEqual(a.notes, []);
      }
    });

    it('f4 values are the float32 values, widened exactly', () => {
      const xs = Array.from(Float32Array.of(0.1, -2.5, 3.4028234663852886e38, 1.401298464324817e-45, -0, Infinity));
      for (const descr of ['<f4', '>f4']) assertValues(parseNpy(npyBytes({ descr, shape: [6], data: encodeValues(xs, descr) })).values, xs, descr);
    });

    it('f2 (half) bits are converted by hand, exactly', () => {
      const bits = [0x3c00, 0xc000, 0x0001, 0x03ff, 0x0400, 0x7bff, 0x3555, 0x8000, 0x7c00, 0xfc00, 0x7e00];
      const expected = [1, -2, 2 ** -24, 1023 * 2 ** -24, 2 ** -14, 65504, 0.333251953125, -0, Infinity, -Infinity, NaN];
      for (const descr of ['<f2', '>f2']) assertValues(parseNpy(npyBytes({ descr, shape: [bits.length], data: encodeValues(bits, descr) })).values, expected, descr);
      assertValues(bits.map(halfToFloat), expected);
    });

    it('signed and unsigned integers of 1, 2 and 4 bytes, both orders', () => {
      const cases: [string, number[]][] = [
        ['|i1', [-128, -1, 0, 127]],
        ['|u1', [0, 1, 128, 255]],
        ['<i2', [-32768, -1, 0, 32767]],
        ['>i2', [-32768, -1, 0, 32767]],
        ['<u2', [0, 1, 32768, 65535]],
        ['>u2', [0, 1, 32768, 65535]],
        ['<i4', [-2147483648, -1, 0, 2147483647]],
        ['>i4', [-2147483648, -1, 0, 2147483647]],
        ['<u4', [0, 1, 2147483648, 4294967295]],
        ['>u4', [0, 1, 2147483648, 4294967295]],
      ];
      for (const [descr, xs] of cases) assertValues(parseNpy(npyBytes({ descr, shape: [xs.length], data: encodeValues(xs, descr) })).values, xs, descr);
    });

    it('int64 and uint64: exact up to 2^53, rounded to nearest (ties to even) beyond, with a note', () => {
      const big = [-(2n ** 63n), -(2n ** 53n) - 1n, -1n, 0n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 53n + 3n, 2n ** 63n - 1n];
      for (const descr of ['<i8', '>i8']) {
        const a = parseNpy(npyBytes({ descr, shape: [big.length], data: encodeValues(big, descr) }));
        assertValues(a.values, big.map((v) => Number(v)), descr);
        assert.deepEqual(a.notes, ['4 int64 values are beyond ±2^53 and were rounded to the nearest double (the first at index 1)']);
      }
      const ubig = [0n, 2n ** 53n, 2n ** 64n - 1n, 12345n];
      for (const descr of ['<u8', '>u8']) {
        const a = parseNpy(npyBytes({ descr, shape: [4], data: encodeValues(ubig, descr) }));
        assertValues(a.values, [0, 2 ** 53, 2 ** 64, 12345], descr);
        assert.deepEqual(a.notes, ['1 uint64 value is beyond ±2^53 and was rounded to the nearest double (the first at index 2)']);
      }
      // 2^63 - 1 is beyond 2^53 but -2^63 is exactly representable: no note for it alone.
      assert.deepEqual(parseNpy(npyBytes({ descr: '<i8', shape: [2], data: encodeValues([-(2n ** 63n), 2n ** 62n], '<i8') })).notes, []);
    });

    it('bool: any non-zero byte is 1', () => {
      assertValues(parseNpy(npyBytes({ descr: '|b1', shape: [4], data: Uint8Array.of(0, 1, 2, 255) })).values, [0, 1, 1, 1]);
    });
  });

  describe('shapes and orders', () => {
    it('0-D, 1-D, empty', () => {
      const s = parseNpy(npyBytes({ shape: [], data: encodeValues([2.75], '<f8') }));
      assertValues(s.values, [2.75]);
      assert.deepEqual(s.shape, []);
      assert.deepEqual(parseNpy(npyBytes({ shape: [0], data: new Uint8Array(0) })).shape, [0]);
      assert.deepEqual(parseNpy(npyBytes({ shape: [0, 3], data: new Uint8Array(0) })).shape, [0, 3]);
    });

    it('2-D in C order is row-major; in Fortran order it is transposed to row-major', () => {
      const c = parseNpy(npyF8([1, 2, 3, 4, 5, 6], [2, 3]));
      assertValues(c.values, [1, 2, 3, 4, 5, 6]);
      assert.deepEqual(c.shape, [2, 3]);
      // Column-major storage of [[1, 2, 3], [4, 5, 6]].
      const f = parseNpy(npyBytes({ descr: '>i2', fortranOrder: true, shape: [2, 3], data: encodeValues([1, 4, 2, 5, 3, 6], '>i2') }));
      assertValues(f.values, [1, 2, 3, 4, 5, 6]);
      assert.deepEqual(f.shape, [2, 3]);
      assert.equal(f.fortranOrder, true);
      assertValues(parseNpy(npyBytes({ fortranOrder: true, shape: [3], data: encodeValues([7, 8, 9], '<f8') })).values, [7, 8, 9]);
    });

    it('3-D and more: unsupported-file saying the shape', () => {
      expectError(() => parseNpy(npyBytes({ shape: [2, 3, 4], data: new Uint8Array(192) })), 'unsupported-file', undefined, 'the array has shape (2, 3, 4): 3-D arrays are not supported, only 0-D, 1-D and 2-D');
    });

    it('format versions 2.0 and 3.0, Python 2 long sizes, data at an unaligned offset', () => {
      for (const version of [[2, 0], [3, 0]] as const) assertValues(parseNpy(npyBytes({ version, shape: [2], data: encodeValues([1.5, -2], '<f8') })).values, [1.5, -2]);
      assertValues(parseNpy(npyBytes({ header: "{'descr': '<f8', 'fortran_order': False, 'shape': (2L,), }", shape: [], data: encodeValues([3, 4], '<f8') })).values, [3, 4]);
      const file = npyF8([0.25, 0.5, 0.75]);
      const shifted = new Uint8Array(file.length + 3);
      shifted.set(file, 3);
      assertValues(parseNpy(shifted.subarray(3)).values, [0.25, 0.5, 0.75]);
      const h = readNpyHeader(file);
      assert.deepEqual({ ...h }, { version: '1.0', dtype: '<f8', kind: 'f', itemSize: 8, littleEndian: true, fortranOrder: false, shape: [3], dataOffset: 128, count: 3 });
    });
  });

  describe('hostile and broken files', () => {
    const good = npyF8([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    it('not a .npy file, or truncated in the preamble or the header', () => {
      expectError(() => parseNpy(new Uint8Array(0)), 'unsupported-file', undefined, 'not a .npy file: it is empty');
      expectError(() => parseNpy(new TextEncoder().encode('[1, 2, 3]')), 'unsupported-file', undefined, /does not start with the magic string/);
      expectError(() => parseNpy(good.subarray(0, 4)), 'parse-error', undefined, 'the file ends after 4 bytes, inside the .npy magic string');
      expectError(() => parseNpy(good.subarray(0, 9)), 'parse-error', undefined, 'the file ends after 9 bytes, inside the .npy preamble');
      expectError(() => parseNpy(good.subarray(0, 100)), 'parse-error', undefined, 'the header is said to be 118 bytes long but the file has only 90 bytes after the preamble: it is truncated or not a .npy file');
      const v4 = good.slice();
      v4[6] = 4;
      expectError(() => parseNpy(v4), 'unsupported-file', undefined, '.npy format version 4.0 is not supported (1.0, 2.0 and 3.0 are)');
    });

    it('truncated or padded data: expected and actual byte counts', () => {
      expectError(() => parseNpy(good.subarray(0, good.length - 8)), 'parse-error', undefined, "the header's shape (10,) of <f8 needs 80 bytes of data but the file has 72: it is truncated, or its header is wrong");
      const longer = new Uint8Array(good.length + 5);
      longer.set(good);
      expectError(() => parseNpy(longer), 'parse-error', undefined, "the header's shape (10,) of <f8 needs 80 bytes of data but the file has 85: 5 bytes too many");
    });

    it('a header lying about dtype or shape', () => {
      const data = encodeValues([1, 2, 3, 4], '<f4'); // 16 bytes
      expectError(() => parseNpy(npyBytes({ descr: '<f8', shape: [4], data })), 'parse-error', undefined, /needs 32 bytes of data but the file has 16/);
      expectError(() => parseNpy(npyBytes({ descr: '<f4', shape: [2, 3], data })), 'parse-error', undefined, /shape \(2, 3\) of <f4 needs 24 bytes/);
      assertValues(parseNpy(npyBytes({ descr: '<f8', shape: [2], data })).values, Array.from(new Float64Array(data.buffer)));
    });

    it('an absurd shape is refused at once, before allocating anything', () => {
      const t0 = performance.now();
      expectError(
        () => parseNpy(npyBytes({ header: "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000, 1000000), }", shape: [], data: new Uint8Array(16) })),
        'parse-error',
        undefined,
        "the header's shape (1000000000000, 1000000) of <f8 needs about 8.00e+18 bytes of data but the file has 16: it is truncated, or its header is wrong",
      );
      expectError(
        () => parseNpy(npyBytes({ header: "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999999999999,), }", shape: [], data: new Uint8Array(8) })),
        'parse-error',
        undefined,
        /needs about 8\.00e\+29 bytes/,
      );
      assert.ok(performance.now() - t0 < 50, 'no allocation, no scan');
      expectError(() => parseNpy(npyF8([1, 2, 3]), { maxElements: 2 }), 'unsupported-file', undefined, 'the array has 3 elements, more than the 2 that are read at once');
    });

    it('dtypes that are not numbers, or not numpy dtypes', () => {
      const cases: [string, 'unsupported-file' | 'parse-error', string | RegExp][] = [
        ['|O', 'unsupported-file', "dtype '|O' (Python objects) is not supported; save a numeric array"],
        ['<c16', 'unsupported-file', "dtype '<c16' (complex numbers) is not supported; save a numeric array"],
        ['<U3', 'unsupported-file', /unicode strings/],
        ['|S5', 'unsupported-file', /byte strings/],
        ['<M8[ns]', 'unsupported-file', /datetimes/],
        ['|V8', 'unsupported-file', /raw or structured records/],
        ['<f16', 'unsupported-file', "dtype '<f16' (long double) is not supported; convert it to float64"],
        ['<f3', 'parse-error', "the header's dtype '<f3' is not a numpy type"],
        ['|f8', 'parse-error', "the header's dtype '|f8' has no byte order ('|') but is 8 bytes wide"],
        ['float64', 'parse-error', "the header's dtype 'float64' is not a numpy type string such as '<f8'"],
      ];
      for (const [descr, code, message] of cases) expectError(() => parseNpy(npyBytes({ descr, shape: [1], data: new Uint8Array(8) })), code, undefined, message);
      expectError(
        () => parseNpy(npyBytes({ header: "{'descr': [('a', '<f8'), ('b', '<i4')], 'fortran_order': False, 'shape': (1,), }", shape: [], data: new Uint8Array(12) })),
        'unsupported-file',
        undefined,
        'structured dtypes (records with named fields) are not supported; save a plain numeric array',
      );
    });

    it('header dicts that are wrong, incomplete or hostile are parsed, never evaluated', () => {
      const bad = (header: string, message: string | RegExp): void => {
        expectError(() => parseNpy(npyBytes({ header, shape: [], data: new Uint8Array(8) })), 'parse-error', undefined, message);
      };
      bad("{'descr': '<f8', 'shape': (1,), }", "the header dict must have exactly the keys 'descr', 'fortran_order' and 'shape'; missing: 'fortran_order'");
      bad("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1}", /; unexpected: 'x'$/);
      bad("{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (1,)}", /the key 'descr' appears twice/);
      bad("{'descr': '<f8', 'fortran_order': 0, 'shape': (1,), }", "the header's 'fortran_order' is the integer 0, not True or False");
      bad("{'descr': '<f8', 'fortran_order': False, 'shape': [1], }", "the header's 'shape' is a list, not a tuple of integers");
      bad("{'descr': '<f8', 'fortran_order': False, 'shape': (1.0,), }", /only integers are allowed, found '1\.'/);
      bad("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }", "the header's 'shape' holds the negative size -1");
      bad("{'descr': '<f8', 'fortran_order': False, 'shape': (1), }", /a parenthesised value without a comma is not a tuple/);
      bad("{'descr': __import__('os').system('echo hi'), 'fortran_order': False, 'shape': (1,)}", /not a valid Python literal at character 11: unexpected '_'/);
      bad("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)", /the dict is never closed/);
      bad("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} extra", /unexpected 'e' after the header dict/);
      bad(`{'descr': '<f8', 'fortran_order': False, 'shape': ${'('.repeat(100)}1,${'),'.repeat(100)}}`, /nests deeper than 32 levels/);
      bad("[1, 2]", 'the header is a list, not a dict');
      const v3 = npyBytes({ version: [3, 0], shape: [1], data: new Uint8Array(8) });
      v3[14] = 0xff; // inside the dict text: invalid UTF-8
      expectError(() => parseNpy(v3), 'parse-error', undefined, 'the version 3.0 header is not valid UTF-8');
    });
  });

  describe('reference files written by numpy (test/fixtures/data)', () => {
    const expected = JSON.parse(readFileSync(join(fixtures, 'expected.json'), 'utf8')) as {
      arrays: Record<string, Expected>;
      errors: Record<string, string>;
    };

    it('has every dtype, order and version the generator lists', () => {
      assert.ok(Object.keys(expected.arrays).length >= 28, 'fixtures are missing: run python3 scripts/gen_data_fixtures.py');
    });

    for (const [name, e] of Object.entries(expected.arrays)) {
      it(`${name}: ${e.dtype} ${JSON.stringify(e.shape)}${e.fortran_order ? ' Fortran' : ''} as numpy reads it`, () => {
        const a = parseNpy(readFileSync(join(fixtures, name)));
        assert.deepEqual(a.shape, e.shape);
        assert.equal(a.dtype, e.dtype);
        assert.equal(a.fortranOrder, e.fortran_order);
        assertValues(a.values, decodeExpected(e.values), name);
      });
    }

    for (const [name, code] of Object.entries(expected.errors)) {
      it(`${name}: ${code}`, () => {
        expectError(() => parseNpy(readFileSync(join(fixtures, name))), code as 'unsupported-file');
      });
    }
  });

  describe('properties', () => {
    const seed = 20240523;

    it('any Float64Array round-trips through a hand-written .npy (orders, versions, 2-D, Fortran)', () => {
      fc.assert(
        fc.property(
          fc.array(fc.double(), { minLength: 1, maxLength: 64 }),
          fc.constantFrom('<f8', '>f8'),
          fc.constantFrom<[number, number]>([1, 0], [2, 0], [3, 0]),
          fc.integer({ min: 1, max: 8 }),
          fc.boolean(),
          (xs, descr, version, cols, fortran) => {
            const rows = Math.floor(xs.length / cols);
            const m = xs.slice(0, rows * cols);
            if (m.length === 0) return;
            // Column-major bytes for a Fortran file of the same row-major matrix.
            const stored = fortran ? Array.from({ length: m.length }, (_, k) => m[(k % rows) * cols + Math.floor(k / rows)]) : m;
            const a = parseNpy(npyBytes({ descr, version, fortranOrder: fortran, shape: [rows, cols], data: encodeValues(stored, descr) }));
            assertValues(a.values, m);
            assert.deepEqual(a.shape, [rows, cols]);
          },
        ),
        { seed, numRuns: 2000 },
      );
    });

    it('random bytes, random headers and damaged files never throw anything but a DivergenceError', () => {
      const magic = Uint8Array.of(0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59);
      const good = npyBytes({ descr: '<i4', shape: [3, 2], data: encodeValues([1, 2, 3, 4, 5, 6], '<i4') });
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, withMagic) => {
          if (withMagic) bytes.set(magic.subarray(0, Math.min(6, bytes.length)));
          onlyDivergenceErrors(() => parseNpy(bytes));
        }),
        { seed, numRuns: 2000 },
      );
      const token = fc.constantFrom("'descr'", "'fortran_order'", "'shape'", "'<f8'", "'|O'", ':', ',', '(', ')', '[', ']', '{', '}', 'True', 'False', 'None', '1', '0', '-3', "'", '"', ' ', 'L', '\\');
      fc.assert(
        fc.property(fc.array(token, { maxLength: 30 }).map((t) => t.join('')), fc.uint8Array({ maxLength: 64 }), (header, data) => {
          onlyDivergenceErrors(() => parseNpy(npyBytes({ header, shape: [], data })));
        }),
        { seed, numRuns: 2000 },
      );
      fc.assert(
        fc.property(fc.integer({ min: 0, max: good.length }), fc.array(fc.tuple(fc.nat(good.length - 1), fc.nat(255)), { maxLength: 4 }), (cut, flips) => {
          const b = good.slice(0, cut);
          for (const [at, v] of flips) if (at < b.length) b[at] = v;
          onlyDivergenceErrors(() => parseNpy(b));
        }),
        { seed, numRuns: 2000 },
      );
    });
  });
});
