/**
 * Names of rows in Compare Columns' list: an .npz member `names` (NumPy strings, '<U' or '|S'), a .npy's
 * sidecar `<stem>.names.txt`, else "row r of n". The archives are written byte by byte as `np.savez(f,
 * counts=counts, names=np.array(['2012', '2013']))` writes them (header `{'descr': '<U4', ...}`, UTF-32LE).
 */
import { strict as assert } from 'node:assert';
import { listDataArrays, sidecarNames } from '../../../src/data/dataFileArrays';
import { npzStrings } from '../../../src/data/npz';
import { npyBytes, npyF8, zipBytes } from './binaryWriters';

/** NumPy's fixed-width strings: 'U' as UTF-32 in either byte order, 'S' as bytes; NUL-padded to `width`. */
function strings(values: readonly string[], descr: '<U' | '>U' | '|S', width: number): Uint8Array {
  const unit = descr === '|S' ? 1 : 4;
  const data = new Uint8Array(values.length * width * unit);
  const view = new DataView(data.buffer);
  values.forEach((v, i) => {
    const points = descr === '|S' ? [...new TextEncoder().encode(v)] : [...v].map((c) => c.codePointAt(0)!);
    points.forEach((c, k) => (unit === 1 ? view.setUint8(i * width + k, c) : view.setUint32((i * width + k) * 4, c, descr === '<U')));
  });
  return npyBytes({ descr: `${descr}${width}`, shape: [values.length], data });
}

const counts = npyF8([1, 2, 3, 4, 5, 6], [2, 3]);

describe('row names of .npz and .npy files', () => {
  it('an .npz with a names array: its 2-D members\' rows named, the names member not listed', () => {
    const npz = zipBytes([{ name: 'counts.npy', data: counts }, { name: 'names.npy', data: strings(['2012', 'Zoë'], '<U', 4), method: 8 }]);
    const arrays = listDataArrays('c.npz', npz);
    assert.deepEqual(arrays.map((a) => [a.label, a.description, Array.from(a.values)]), [
      ['counts:2012', '3 numbers, row 0 of 2', [1, 2, 3]],
      ['counts:Zoë', '3 numbers, row 1 of 2', [4, 5, 6]],
    ]);
  });
  it('names of another length than the rows: numbered rows', () => {
    const npz = zipBytes([{ name: 'counts.npy', data: counts }, { name: 'names.npy', data: strings(['a', 'b', 'c'], '<U', 1) }]);
    assert.deepEqual(listDataArrays('c.npz', npz).map((a) => a.label), ['counts:row 0 of 2', 'counts:row 1 of 2']);
  });
  it('npzStrings: big-endian UTF-32 and byte strings (UTF-8), NUL-terminated; undefined for numbers or no member', () => {
    const npz = zipBytes([
      { name: 'u.npy', data: strings(['ab', 'c'], '>U', 3) },
      { name: 's.npy', data: strings(['é', 'xyz'], '|S', 3) },
      { name: 'x.npy', data: counts },
    ]);
    assert.deepEqual(npzStrings(npz, 'u'), ['ab', 'c']);
    assert.deepEqual(npzStrings(npz, 's'), ['é', 'xyz']);
    assert.equal(npzStrings(npz, 'x'), undefined);
    assert.equal(npzStrings(npz, 'names'), undefined);
  });
  it('npzStrings: a member shorter than its header says: parse-error', () => {
    const short = strings(['abcd', 'efgh'], '<U', 4).subarray(0, -4);
    assert.throws(() => npzStrings(zipBytes([{ name: 'names.npy', data: short }]), 'names'), { code: 'parse-error' });
  });
  it('a .npy with sidecar names: one per row, blank lines at the end ignored', () => {
    assert.deepEqual(sidecarNames('2012\r\n 2013 \n\n'), ['2012', '2013']);
    assert.deepEqual(listDataArrays('c.npy', counts, sidecarNames('2012\n2013\n')).map((a) => [a.label, a.description]), [
      ['2012', '3 numbers, row 0 of 2'],
      ['2013', '3 numbers, row 1 of 2'],
    ]);
  });
});
