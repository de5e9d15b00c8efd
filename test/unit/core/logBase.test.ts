import { strict as assert } from 'node:assert';
import { DivergenceError } from '../../../src/core/errors';
import { resolveBase } from '../../../src/core/logBase';

describe('resolveBase', () => {
  it('gives nats for undefined, "e" and Math.E', () => {
    for (const b of [undefined, 'e', ' e ', 'E', Math.E]) {
      assert.deepEqual(resolveBase(b), { base: Math.E, lnBase: 1, unit: 'nats' }, String(b));
    }
  });

  it('gives bits for 2 and bans for 10, as numbers or as the setting\'s text', () => {
    assert.deepEqual(resolveBase(2), { base: 2, lnBase: Math.LN2, unit: 'bits' });
    assert.deepEqual(resolveBase('2'), { base: 2, lnBase: Math.LN2, unit: 'bits' });
    assert.deepEqual(resolveBase(10), { base: 10, lnBase: Math.LN10, unit: 'bans' });
    assert.deepEqual(resolveBase('1e1'), { base: 10, lnBase: Math.LN10, unit: 'bans' });
  });

  it('names any other base log<base>', () => {
    assert.deepEqual(resolveBase(3.5), { base: 3.5, lnBase: Math.log(3.5), unit: 'log3.5' });
    assert.deepEqual(resolveBase('.5'), { base: 0.5, lnBase: Math.log(0.5), unit: 'log0.5' });
  });

  it('rejects bases that are not > 0 and != 1 with invalid-parameter', () => {
    for (const b of [1, 0, -2, NaN, Infinity, '1', '0', 'x', '', '0x10', 'Infinity', '2 bits']) {
      assert.throws(
        () => resolveBase(b),
        (e: unknown) => e instanceof DivergenceError && e.code === 'invalid-parameter' && e.location.array === 'base',
        `base ${JSON.stringify(b)}`,
      );
    }
  });
});
