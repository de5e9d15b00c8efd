import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { crc32 } from '../../../src/data/crc32';
import { inflateRaw } from '../../../src/data/inflateRaw';
import { listNpz, npzArray } from '../../../src/data/npz';
import { crc32Reference, encodeValues, npyBytes, npyF8, zipBytes } from './binaryWriters';
import { assertValues, decodeExpected, expectError, onlyDivergenceErrors } from './dataAssert';

const fixtures = join(__dirname, '..', '..', 'fixtures', 'data');

describe('npz', () => {
  describe('reference archives written by numpy (np.savez, np.savez_compressed)', () => {
    const expected = JSON.parse(readFileSync(join(fixtures, 'expected.json'), 'utf8')) as {
      archives: Record<string, { members: string[]; arrays: Record<string, { shape: number[]; dtype: string; values: (number | string)[] }> }>;
    };
    assert.ok(Object.keys(expected.archives).length >= 4);
    for (const [file, e] of Object.entries(expected.archives)) {
      it(`${file}: members ${e.members.join(', ')} as numpy reads them`, () => {
        const bytes = readFileSync(join(fixtures, file));
        assert.deepEqual(listNpz(bytes), e.members);
        for (const [name, a] of Object.entries(e.arrays)) {
          const got = npzArray(bytes, name);
          assert.equal(got.name, name);
          assert.deepEqual(got.shape, a.shape);
          assert.equal(got.dtype, a.dtype);
          assertValues(got.values, decodeExpected(a.values), `${file}:${name}`);
        }
      });
    }

    it('one member needs no name; several do, and an unknown name lists them', () => {
      assert.equal(npzArray(readFileSync(join(fixtures, 'single.npz'))).name, 'x');
      assert.equal(npzArray(readFileSync(join(fixtures, 'single_stored.npz'))).name, 'arr_0');
      const stored = readFileSync(join(fixtures, 'stored.npz'));
      expectError(() => npzArray(stored), 'parse-error', undefined, "the archive holds 3 arrays; name one of them: 'a', 'b', 'c'");
      expectError(() => npzArray(stored, 'd'), 'parse-error', undefined, "the archive has no array named 'd'; its arrays: 'a', 'b', 'c'");
      assert.deepEqual(npzArray(stored, 'b.npy').shape, [2, 3]);
    });
  });

  describe('hand-written archives', () => {
    const p = npyF8([0.1, 0.2, 0.7]);
    const q = npyBytes({ descr: '>i2', shape: [2, 2], data: encodeValues([1, -2, 3, -4], '>i2') });

    it('stored and deflated members, ZIP64 records as numpy writes them, an archive comment', () => {
      const variants = [
        zipBytes([{ name: 'p.npy', data: p }, { name: 'q.npy', data: q }]),
        zipBytes([{ name: 'p.npy', data: p, method: 8 }, { name: 'q.npy', data: q, method: 8 }]),
        zipBytes([{ name: 'p.npy', data: p, method: 8, zip64: true }, { name: 'q.npy', data: q, zip64: true }], { zip64End: true }),
        zipBytes([{ name: 'p.npy', data: p }, { name: 'q.npy', data: q, method: 8 }], { comment: 'made by hand; PK\u0005\u0006 in a comment' }),
      ];
      for (const [k, z] of variants.entries()) {
        assert.deepEqual(listNpz(z), ['p', 'q'], `variant ${k}`);
        assertValues(npzArray(z, 'p').values, [0.1, 0.2, 0.7], `variant ${k}`);
        const b = npzArray(z, 'q');
        assertValues(b.values, [1, -2, 3, -4], `variant ${k}`);
        assert.deepEqual(b.shape, [2, 2]);
      }
    });

    it('members not named .npy and directories', () => {
      const z = zipBytes([{ name: 'dir/', data: new Uint8Array(0) }, { name: 'weights', data: p }]);
      assert.deepEqual(listNpz(z), ['weights']);
      assertValues(npzArray(z).values, [0.1, 0.2, 0.7]);
    });

    it('refuses what it does not read: other methods, encryption, not a ZIP', () => {
      expectError(() => npzArray(zipBytes([{ name: 'p.npy', data: p, method: 12 }]), 'p'), 'unsupported-file', undefined, "array 'p' is compressed with ZIP method 12; only stored (0) and deflated (8) members are read");
      expectError(() => npzArray(zipBytes([{ name: 'p.npy', data: p, flags: 1 }]), 'p'), 'unsupported-file', undefined, "array 'p' is encrypted");
      expectError(() => listNpz(npyF8([1, 2])), 'unsupported-file', undefined, 'not an .npz file: it is not a ZIP archive');
      expectError(() => listNpz(new Uint8Array(0)), 'unsupported-file');
      expectError(() => npzArray(zipBytes([]), undefined), 'empty-input', undefined, 'the archive holds no arrays');
    });

    it('damage: bad CRC, truncation, lying sizes, a damaged member', () => {
      const z = zipBytes([{ name: 'p.npy', data: p, method: 8 }]);
      expectError(() => npzArray(zipBytes([{ name: 'p.npy', data: p, crc: 0x12345678 }]), 'p'), 'parse-error', undefined, /^the \.npz \(ZIP\) archive is damaged: the CRC-32 of 'p\.npy' is 0x[0-9a-f]{8} but the directory says 0x12345678$/);
      expectError(() => listNpz(z.subarray(0, z.length - 30)), 'parse-error', undefined, 'the .npz (ZIP) archive is damaged: its central directory is missing: the file is truncated');
      expectError(() => npzArray(zipBytes([{ name: 'p.npy', data: p, method: 8, size: p.length + 1 }]), 'p'), 'parse-error', undefined, `array 'p': corrupt compressed data: it holds ${p.length} bytes, not the ${p.length + 1} the archive declares`);
      expectError(() => npzArray(zipBytes([{ name: 'p.npy', data: p, method: 8, size: p.length - 1 }]), 'p'), 'parse-error', undefined, /more than the 151 bytes the archive declares/);
      expectError(() => npzArray(zipBytes([{ name: 'p.npy', data: p, size: 99 }]), 'p'), 'parse-error', undefined, /'p\.npy' is stored, yet its sizes differ/);
      const t0 = performance.now();
      expectError(() => npzArray(zipBytes([{ name: 'p.npy', data: p, method: 8, size: 2 ** 30 }]), 'p'), 'parse-error', undefined, /claims 1073741824 bytes from \d+ compressed bytes, more than DEFLATE can expand/);
      expectError(() => npzArray(zipBytes([{ name: 'p.npy', data: p, method: 8, size: 2 ** 32 - 2 }]), 'p'), 'unsupported-file', undefined, /is 4294967294 bytes uncompressed/);
      assert.ok(performance.now() - t0 < 50, 'refused before allocating');
      // A damaged .npy inside: the array's name leads the message.
      expectError(() => npzArray(zipBytes([{ name: 'p.npy', data: p.subarray(0, p.length - 8) }]), 'p'), 'parse-error', undefined, /^array 'p': the header's shape \(3,\) of <f8 needs 24 bytes of data but the file has 16/);
      // Cut inside the member data: the directory is gone too.
      const stored = zipBytes([{ name: 'p.npy', data: p }]);
      const cut = stored.slice();
      new DataView(cut.buffer).setUint32(stored.length - 22 + 16, 9999, true); // directory offset beyond the file
      expectError(() => listNpz(cut), 'parse-error', undefined, /the central directory \(\d+ bytes at offset 9999\) lies outside the file/);
    });
  });

  describe('inflateRaw and crc32 against node:zlib', () => {
    it('crc32 of known strings', () => {
      assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
      assert.equal(crc32(new Uint8Array(0)), 0);
    });

    it('inflates stored, fixed-Huffman and dynamic-Huffman streams exactly', () => {
      const text = new TextEncoder().encode('the quick brown fox jumps over the lazy dog; '.repeat(300));
      const random = Uint8Array.from({ length: 70000 }, (_, i) => (Math.imul(i, 2654435761) >>> 13) & 0xff);
      for (const data of [text, random, new Uint8Array(0), new Uint8Array(100000)]) {
        for (const opts of [{ level: 0 }, { level: 1 }, { level: 9 }, { strategy: constants.Z_FIXED }, { strategy: constants.Z_HUFFMAN_ONLY }, { strategy: constants.Z_RLE }]) {
          const z = new Uint8Array(deflateRawSync(data, opts));
          assert.deepEqual(inflateRaw(z, data.length), data, JSON.stringify(opts));
        }
      }
    });

    it('refuses truncated and corrupt streams', () => {
      const data = new TextEncoder().encode('abcabcabcabc'.repeat(100));
      const z = new Uint8Array(deflateRawSync(data));
      expectError(() => inflateRaw(z.subarray(0, z.length - 3), data.length), 'parse-error', undefined, /^corrupt compressed data: /);
      expectError(() => inflateRaw(Uint8Array.of(0xff, 0xff), 10), 'parse-error', undefined, 'corrupt compressed data: a block of the reserved type 3');
      expectError(() => inflateRaw(Uint8Array.of(0x01, 0x05, 0x00, 0x00, 0x00), 5), 'parse-error', undefined, 'corrupt compressed data: a stored block whose length check fails');
    });
  });

  describe('properties', () => {
    const seed = 20240524;

    it('any Float64Array round-trips through .npy in a ZIP, stored or deflated, with or without ZIP64', () => {
      fc.assert(
        fc.property(fc.array(fc.double(), { minLength: 1, maxLength: 200 }), fc.constantFrom(0, 8), fc.boolean(), (xs, method, zip64) => {
          const z = zipBytes([{ name: 'x.npy', data: npyF8(xs), method, zip64 }, { name: 'y.npy', data: npyF8([1]), method }], { zip64End: zip64 });
          assertValues(npzArray(z, 'x').values, xs);
        }),
        { seed, numRuns: 2000 },
      );
    });

    it('inflateRaw agrees with zlib on random data', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 0, max: 9 }), fc.nat(7), (raw, level, alphabet) => {
          // Smaller alphabets give longer matches.
          const data = raw.map((b) => b & ((1 << (alphabet + 1)) - 1));
          const z = new Uint8Array(deflateRawSync(data, { level }));
          assert.deepEqual(inflateRaw(z, data.length), data);
          assert.equal(crc32(data), crc32Reference(data));
        }),
        { seed, numRuns: 2000 },
      );
    });

    it('random and damaged archives and streams never throw anything but a DivergenceError', () => {
      const good = zipBytes([{ name: 'a.npy', data: npyF8([1, 2, 3]), method: 8, zip64: true }, { name: 'b.npy', data: npyF8([4, 5]) }], { zip64End: true });
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
          onlyDivergenceErrors(() => listNpz(bytes));
          onlyDivergenceErrors(() => npzArray(bytes, 'a'));
          onlyDivergenceErrors(() => inflateRaw(bytes, 64));
        }),
        { seed, numRuns: 2000 },
      );
      fc.assert(
        fc.property(fc.integer({ min: 0, max: good.length }), fc.array(fc.tuple(fc.nat(good.length - 1), fc.nat(255)), { maxLength: 4 }), (cut, flips) => {
          const b = good.slice(0, cut);
          for (const [at, v] of flips) if (at < b.length) b[at] = v;
          onlyDivergenceErrors(() => npzArray(b, 'a'));
          onlyDivergenceErrors(() => npzArray(b, 'b'));
        }),
        { seed, numRuns: 3000 },
      );
    });
  });
});
