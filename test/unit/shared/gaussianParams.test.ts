import { strict as assert } from 'node:assert';
import { parseGaussianParams, parseNumberList } from '../../../src/shared/gaussianParams';

describe('parseGaussianParams (Compare Gaussians…)', () => {
  it('reads four numbers separated by commas, semicolons or spaces', () => {
    assert.deepEqual(parseGaussianParams('0, 1, 1, 2'), { mu0: 0, sigma0: 1, mu1: 1, sigma1: 2 });
    assert.deepEqual(parseGaussianParams(' -1.5 0.5;2e0   3 '), { mu0: -1.5, sigma0: 0.5, mu1: 2, sigma1: 3 });
  });

  it('says what is wrong and where', () => {
    assert.equal(parseGaussianParams('0, 1, 1'), 'expected four numbers μ₀, σ₀, μ₁, σ₁ (e.g. 0, 1, 1, 2); got 3');
    assert.equal(parseGaussianParams('0, 1, x, 2'), 'μ₁ is "x", not a finite number (position 3)');
    assert.equal(parseGaussianParams('0, 0, 1, 2'), 'σ₀ is 0: a standard deviation must be > 0 (position 2)');
    assert.equal(parseGaussianParams('0, 1, 1, -2'), 'σ₁ is -2: a standard deviation must be > 0 (position 4)');
    assert.equal(parseGaussianParams('Infinity, 1, 1, 2'), 'μ₀ is "Infinity", not a finite number (position 1)');
  });
});

describe('parseNumberList (mixture fields)', () => {
  it('reads numbers and names the bad one with its position', () => {
    assert.deepEqual(parseNumberList('0.5, 0.5', 'P weights'), [0.5, 0.5]);
    assert.deepEqual(parseNumberList(' -1 1e0 ', 'P means'), [-1, 1]);
    assert.equal(parseNumberList('', 'P sigmas'), 'P sigmas: no numbers');
    assert.equal(parseNumberList('1, two', 'Q means'), 'Q means: "two" at position 2 is not a finite number');
  });
});
