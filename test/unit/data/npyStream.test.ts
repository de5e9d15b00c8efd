/**
 * openNpyStream: a .npy read in chunks must give exactly the values parseNpy gives (0 ulps: the same decoding),
 * for every dtype and byte order, over any range, and refuse truncated or lying files with a clear error.
 */
import { strict as assert } from 'node:assert';
import { DivergenceError } from '../../../src/core/errors';
import { parseNpy } from '../../../src/data/npy';
import { openNpyStream, type RandomAccessReader } from '../../../src/data/npyStream';
import { encodeValues, npyBytes, npyF8 } from './binaryWriters';

/** A reader over bytes in memory that returns at most `maxRead` bytes per call (short reads, as files may). */
function memoryReader(bytes: Uint8Array, maxRead = Infinity, size = bytes.length): RandomAccessReader & { closed: boolean; reads: number } {
  const reader = {
    size,
    closed: false,
    reads: 0,
    read(position: number, target: Uint8Array): Promise<number> {
      reader.reads++;
      const n = Math.max(0, Math.min(target.length, maxRead, bytes.length - position));
      target.set(bytes.subarray(position, position + n));
      return Promise.resolve(n);
    },
    close(): Promise<void> {
      reader.closed = true;
      return Promise.resolve();
    },
  };
  return reader;
}

async function rejection(promise: Promise<unknown>): Promise<DivergenceError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof DivergenceError, `expected a DivergenceError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

describe('data: openNpyStream (a .npy read in chunks)', () => {
  const values = Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 1009) / 13 - 20);

  for (const descr of ['<f8', '>f8', '<f4', '>f4', '<i8', '>i4', '<i2', '|i1', '<u4', '>u2', '|u1', '|b1']) {
    it(`gives parseNpy's values for ${descr}, over any range, with short reads`, async () => {
      const data = descr.includes('u') || descr.includes('b') ? values.map((v) => Math.abs(Math.round(v)) % 2 ** 8) : values.map((v) => (descr.includes('f') ? v : Math.round(v)));
      const bytes = npyBytes({ descr, shape: [data.length], data: encodeValues(data, descr) });
      const expected = parseNpy(bytes).values;
      const stream = await openNpyStream(memoryReader(bytes, 333));
      assert.equal(stream.length, data.length);
      for (const [start, end] of [
        [0, 1000],
        [0, 1],
        [999, 1000],
        [123, 777],
        [500, 500],
      ] as const) {
        const target = new Float64Array(end - start + 5).fill(-1);
        await stream.read(start, end, target, 3);
        assert.deepEqual(Array.from(target.subarray(3, 3 + end - start)), Array.from(expected.subarray(start, end)), `[${start}, ${end})`);
        assert.equal(target[2], -1, 'nothing written before `at`');
        assert.equal(target[3 + end - start], -1, 'nothing written after');
      }
    });
  }

  it('reads float64 little-endian straight into a shared target', async () => {
    const bytes = npyF8(values);
    const stream = await openNpyStream(memoryReader(bytes));
    const target = new Float64Array(new SharedArrayBuffer(8 * 1000));
    await stream.read(0, 1000, target, 0);
    assert.deepEqual(Array.from(target), values);
  });

  it('takes one row or one column of a 2-D array, and 0-D arrays', async () => {
    for (const shape of [[1, 1000], [1000, 1]]) {
      const stream = await openNpyStream(memoryReader(npyF8(values, shape)));
      const target = new Float64Array(1000);
      await stream.read(0, 1000, target, 0);
      assert.deepEqual(Array.from(target), values);
    }
    const scalar = await openNpyStream(memoryReader(npyF8([2.5], [])));
    assert.equal(scalar.length, 1);
  });

  it('refuses a 2-D array with several rows and columns', async () => {
    const e = await rejection(openNpyStream(memoryReader(npyF8(values, [10, 100]))));
    assert.equal(e.code, 'unsupported-file');
    assert.match(e.message, /shape \(10, 100\)/);
  });

  it('reads a header longer than the first 64 KiB', async () => {
    const pad = ' '.repeat(70000);
    const bytes = npyBytes({ version: [2, 0], shape: [3], data: encodeValues([1, 2, 3], '<f8'), header: `{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }${pad}` });
    const stream = await openNpyStream(memoryReader(bytes));
    const target = new Float64Array(3);
    await stream.read(0, 3, target, 0);
    assert.deepEqual(Array.from(target), [1, 2, 3]);
  });

  it('refuses a header whose shape needs terabytes, before reading any data', async () => {
    const bytes = npyBytes({ shape: [1e12], data: new Uint8Array(64) });
    const reader = memoryReader(bytes);
    const e = await rejection(openNpyStream(reader));
    assert.equal(e.code, 'parse-error');
    assert.match(e.message, /needs 8000000000000 bytes of data but the file has 64/);
    assert.equal(reader.reads, 1, 'only the header was read');
  });

  it('says where a file that shrank while being read ended', async () => {
    const bytes = npyF8(values);
    // The reader reports the original size, but the data stops after 100 values.
    const shrunk = bytes.subarray(0, bytes.length - 900 * 8);
    const stream = await openNpyStream(memoryReader(shrunk, Infinity, bytes.length));
    const e = await rejection(stream.read(0, 1000, new Float64Array(1000), 0));
    assert.equal(e.code, 'unsupported-file');
    assert.match(e.message, /ended at value 100 of the 1000 its header declares: it was truncated or changed while being read/);
    assert.deepEqual(e.location, { index: 100 });
  });

  it('refuses ranges outside the file, and closes its reader', async () => {
    const reader = memoryReader(npyF8(values));
    const stream = await openNpyStream(reader);
    await assert.rejects(stream.read(990, 1001, new Float64Array(20), 0), RangeError);
    await stream.close();
    assert.equal(reader.closed, true);
  });

  it('refuses files that are not .npy, or empty', async () => {
    assert.equal((await rejection(openNpyStream(memoryReader(new Uint8Array(0))))).code, 'unsupported-file');
    assert.equal((await rejection(openNpyStream(memoryReader(new TextEncoder().encode('p,q\n0.5,0.5\n'))))).code, 'unsupported-file');
  });
});
