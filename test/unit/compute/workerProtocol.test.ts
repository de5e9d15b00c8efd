/**
 * The worker program's mode comes from its workerData (workerProtocol.ts): the pool starts workers without
 * any, the two-thread KL path with a `KlThreadData` whose mode is 'kl-threads'. Anything else is a pool worker.
 */
import { strict as assert } from 'node:assert';
import { workerModeOf } from '../../../src/compute/workerProtocol';

describe('compute: workerModeOf (the worker program\'s two modes)', () => {
  const cases: readonly [string, unknown, 'pool' | 'kl-threads'][] = [
    ['no workerData (as KlWorkerPool starts its workers)', undefined, 'pool'],
    ['null workerData', null, 'pool'],
    ["mode 'pool'", { mode: 'pool' }, 'pool'],
    ["mode 'kl-threads' (as KlThreads starts its helper)", { mode: 'kl-threads', slots: 8 }, 'kl-threads'],
    ['an unknown mode', { mode: 'gpu' }, 'pool'],
  ];
  for (const [name, data, expected] of cases) {
    it(`${name}: ${expected}`, () => {
      assert.equal(workerModeOf(data), expected);
    });
  }
});
