/**
 * The accuracy requirement on nearly equal distributions: q = p·(1 + 1e-6·noise), KL with normalize: false,
 * within 1e-13 relative of the 50-digit mpmath reference, from 10 to 10^5 elements, on both backends.
 * (kl.json's near-equal cases stop at 3000 elements; measures.json adds 10^4 and 10^5 as recipes.)
 * And: the other measures are served by the compute API from the TS reference, saying so.
 */
import { strict as assert } from 'node:assert';
import * as compute from '../../../src/compute';
import { backendStatus, initSync, isWasmReady, klDivergence } from '../../../src/compute';
import { describeArray, loadKlFixtures, relativeError } from '../core/klFixtures';
import { fixturesOf } from '../core/measureFixtures';

const REQUIRED = 1e-13;

describe('compute: KL of nearly equal distributions to 1e-13 of the 50-digit reference, both backends', () => {
  before(() => {
    initSync();
    assert.ok(isWasmReady(), backendStatus());
  });

  const cases = [
    ...loadKlFixtures().filter((c) => c.name.startsWith('near-equal')),
    ...fixturesOf('kl').map((c) => ({ ...c, qValues: c.qValues!, exactValue: c.exactValue })),
  ];

  it('has the cases: one- and two-sided 1e-6 noise, n from 10 to 10^5', () => {
    const lengths = cases.map((c) => c.pValues.length);
    assert.ok(lengths.includes(10) && lengths.includes(100000), lengths.join(', '));
    assert.ok(cases.every((c) => c.normalize === false));
  });

  for (const c of cases) {
    for (const backend of ['ts', 'wasm'] as const) {
      it(`${c.name} (n = ${c.pValues.length}), ${backend}`, () => {
        const r = klDivergence(c.pValues, c.qValues, { normalize: false, backend });
        assert.equal(r.backend, backend);
        const exact = c.exactValue!;
        const error = relativeError(r.value, exact);
        assert.ok(
          error <= REQUIRED,
          `P = ${describeArray(c.pValues)}, Q = ${describeArray(c.qValues)}: expected ${exact}, actual ${r.value}, ` +
            `delta ${r.value - exact} (relative ${error.toExponential(2)} > ${REQUIRED})`,
        );
      });
    }
  }
});

describe('compute: the other discrete measures (small inputs stay on the TS reference)', () => {
  it('are the core functions, with backend: ts in every result', () => {
    const p = [0.36, 0.48, 0.16];
    const q = [1 / 3, 1 / 3, 1 / 3];
    const all = compute.allMeasures(p, q);
    for (const r of [all.entropyP, all.crossEntropy, all.jeffreys, all.js, all.jsDistance, all.tv, all.hellinger, all.bhattacharyya, ...all.renyi]) {
      assert.equal(r.backend, 'ts', r.measure);
    }
    assert.equal(compute.entropy(p).value, all.entropyP.value);
    assert.equal(compute.renyi(p, q, { alpha: 2 }).value, all.renyi[1]!.value);
    assert.equal(typeof compute.JS_DIVERGENCE_FORMULA_LATEX, 'string');
  });
});
