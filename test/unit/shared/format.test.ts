import { strict as assert } from 'node:assert';
import { formatFull, formatMeasure, formatPrecise, formatSignificant } from '../../../src/shared/format';

describe('formatSignificant (%g style)', () => {
  const cases: [number, number, string][] = [
    [0.0852996013, 4, '0.0853'],
    [0.0852996013, 6, '0.0852996'],
    [1, 4, '1'],
    [1.5, 4, '1.5'],
    [123456, 4, '1.235e+5'],
    [1234, 4, '1234'],
    [9999.7, 4, '1e+4'],
    [0.00099996, 4, '0.001'],
    [1234567, 4, '1.235e+6'],
    [0.000123456, 3, '0.000123'],
    [1.23456e-7, 3, '1.23e-7'],
    [-2.5e-9, 2, '-2.5e-9'],
    [0, 4, '0'],
    [-0, 4, '-0'],
    [Infinity, 4, '∞'],
    [-Infinity, 4, '-∞'],
    [NaN, 4, 'NaN'],
    [0.1 + 0.2, 17, '0.30000000000000004'],
  ];
  for (const [value, digits, expected] of cases) {
    it(`${value} with ${digits} digits is ${expected}`, () => {
      assert.equal(formatSignificant(value, digits), expected);
    });
  }
});

describe('formatFull', () => {
  it('round-trips doubles exactly', () => {
    for (const x of [0.0852996013, 1 / 3, 5e-324, 1.7976931348623157e308, -0.1]) {
      assert.equal(Number(formatFull(x)), x);
    }
  });
  it('writes infinities as words', () => {
    assert.equal(formatFull(Infinity), 'Infinity');
    assert.equal(formatFull(-Infinity), '-Infinity');
  });
});

describe('formatPrecise and formatMeasure (text for people)', () => {
  it('full precision as formatFull, infinity as formatSignificant writes it', () => {
    assert.equal(formatPrecise(0.08529960131837053), '0.08529960131837053');
    assert.equal(formatPrecise(Infinity), '∞');
    assert.equal(formatPrecise(-Infinity), '-∞');
    assert.equal(formatPrecise(NaN), 'NaN');
  });

  it('"label = value unit", to the digits given or in full; no unit for a unitless measure', () => {
    assert.equal(formatMeasure('D(P‖Q)', 0.08529960131837053, 'nats', 4), 'D(P‖Q) = 0.0853 nats');
    assert.equal(formatMeasure('D(P‖Q)', 0.08529960131837053, 'nats'), 'D(P‖Q) = 0.08529960131837053 nats');
    assert.equal(formatMeasure('TV(P, Q)', 0.52 / 3, '', 3), 'TV(P, Q) = 0.173');
    assert.equal(formatMeasure('H(P, Q)', Infinity, 'bits'), 'H(P, Q) = ∞ bits');
  });
});
