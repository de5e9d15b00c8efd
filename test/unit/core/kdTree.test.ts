import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { KdTree } from '../../../src/core/kdTree';

/** The k smallest squared distances from point `i` of `query` to the points of `data`, by brute force. */
function bruteForce(data: number[], query: number[], i: number, d: number, k: number, exclude: number): number[] {
  const all: number[] = [];
  for (let j = 0; j < data.length / d; j++) {
    if (j === exclude) continue;
    let s = 0;
    for (let c = 0; c < d; c++) {
      const t = query[i * d + c]! - data[j * d + c]!;
      s += t * t;
    }
    all.push(s);
  }
  all.sort((a, b) => a - b);
  const out = all.slice(0, k);
  while (out.length < k) out.push(Infinity);
  return out;
}

describe('KdTree (exact k-nearest neighbours)', () => {
  it('finds the k nearest squared distances, excluding a given point but not its duplicates', () => {
    const tree = new KdTree([0, 0, 1, 0, 0, 2, 3, 3, 1, 0], 2, 1);
    const out = new Float64Array(3);
    tree.nearestSquared([1, 0], 0, 3, 1, out); // point 1 is (1, 0); point 4 duplicates it
    assert.deepEqual(Array.from(out), [0, 1, 5]);
    tree.nearestSquared([1, 0], 0, 3, -1, out);
    assert.deepEqual(Array.from(out), [0, 0, 1]);
  });

  it('leaves Infinity when there are fewer than k points, and handles an empty tree', () => {
    const out = new Float64Array(3);
    new KdTree([1, 2], 1).nearestSquared([0], 0, 3, -1, out);
    assert.deepEqual(Array.from(out), [1, 4, Infinity]);
    new KdTree([], 2).nearestSquared([0, 0], 0, 3, -1, out);
    assert.deepEqual(Array.from(out), [Infinity, Infinity, Infinity]);
  });

  it('agrees with brute force in 1 to 6 dimensions, with duplicates and ties (seeded)', () => {
    const setup = fc
      .record({ d: fc.integer({ min: 1, max: 6 }), n: fc.integer({ min: 1, max: 120 }), k: fc.integer({ min: 1, max: 6 }), leaf: fc.integer({ min: 1, max: 16 }) })
      .chain(({ d, n, k, leaf }) =>
        fc.record({
          d: fc.constant(d),
          k: fc.constant(k),
          leaf: fc.constant(leaf),
          // Small integers give many exact duplicates and equal distances.
          data: fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -10, max: 10, noNaN: true })), { minLength: n * d, maxLength: n * d }),
          query: fc.array(fc.integer({ min: -4, max: 4 }), { minLength: d, maxLength: d }),
        }),
      );
    fc.assert(
      fc.property(setup, ({ d, k, leaf, data, query }) => {
        const tree = new KdTree(data, d, leaf);
        const out = new Float64Array(k);
        const n = data.length / d;
        for (let i = 0; i < n; i++) {
          tree.nearestSquared(data, i * d, k, i, out);
          assert.deepEqual(Array.from(out), bruteForce(data, data, i, d, k, i));
        }
        tree.nearestSquared(query, 0, k, -1, out);
        assert.deepEqual(Array.from(out), bruteForce(data, query, 0, d, k, -1));
      }),
      { seed: 20240619, numRuns: 300 },
    );
  });

  it('copes with all points identical (one unsplittable leaf)', () => {
    const data = new Array(500).fill(7);
    const tree = new KdTree(data, 2);
    const out = new Float64Array(2);
    tree.nearestSquared(data, 0, 2, 0, out);
    assert.deepEqual(Array.from(out), [0, 0]);
  });
});
