/**
 * Distributions in exact ratio scaled into the subnormal range, with their values from mpmath (40 digits):
 * normalised measures are invariant under power-of-two scaling, so P·2^k gives the measure of P. Shared by
 * the core's test (subnormalScale.test.ts) and the backends' parity test (test/unit/compute).
 */
import { strict as assert } from 'node:assert';

/** Relative tolerance: 4 ulps (u = 2^-53), the accuracy of the unscaled results. */
export const SUBNORMAL_TOLERANCE = 4 * 2 ** -53;

/** H(0.1, 0.3, 0.6) in nats (mpmath). */
export const H_1_3_6 = 0.8979457248567797761119315;
/** D(P‖Q) for P = (0.1, 0.3, 0.6), Q = (0.2, 0.2, 0.6), in nats: 0.1·ln ½ + 0.3·ln 1.5 (mpmath). */
export const KL_136_226 = 0.05232481437645478365168072;
/** H(P, Q) for the same P and Q, in nats (mpmath). */
export const CE_136_226 = 0.9502705392332345597636122;

export const P = [1, 3, 6];
export const Q = [2, 2, 6];
/** The exponents of the report: from the deepest subnormal (2^-1074·[1, 3, 6]) to the edge of the normal range. */
export const EXPONENTS = [-1074, -1073, -1070, -1060, -1050, -1030, -1000];

/** x·2^k, exact for these integers at every k in EXPONENTS. */
export function times(x: readonly number[], k: number): number[] {
  return x.map((v) => v * 2 ** (k + 100) * 2 ** -100);
}

export function assertNear(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= SUBNORMAL_TOLERANCE * Math.abs(expected), `${what}: ${actual}, expected ${expected}`);
}

/** The measures of one backend that the cases check. */
export interface SubnormalApi {
  entropy(p: number[]): { value: number; normalized: boolean; sums: { p: number } };
  klDivergence(p: number[], q: number[]): { value: number; normalized: boolean; sums: { p: number; q?: number } };
  crossEntropy(p: number[], q: number[]): { value: number; normalized: boolean; sums: { p: number; q?: number } };
  /** The other pair measures by name: each must give at 2^k what it gives unscaled. */
  others: Record<string, (p: number[], q: number[]) => { value: number }>;
}

/** Every case of the report, on one backend. */
export function checkSubnormalCases(api: SubnormalApi): void {
  // Two equal values: ln 2 (was 1: the terms 5e-324·ln 2 rounded to 5e-324).
  const two = api.entropy([5e-324, 5e-324]);
  assertNear(two.value, Math.LN2, 'H(5e-324, 5e-324)');
  assert.equal(two.sums.p, 1e-323, 'the sum as given');
  assert.equal(two.normalized, true);
  // 1e-320, 3e-320, 6e-320 are exactly 2024, 6072, 12144 times 2^-1074 (was 0.8979249).
  assertNear(api.entropy([1e-320, 3e-320, 6e-320]).value, H_1_3_6, 'H(1e-320, 3e-320, 6e-320)');
  for (const k of EXPONENTS) {
    const p = times(P, k);
    const q = times(Q, k);
    assertNear(api.entropy(p).value, H_1_3_6, `H(P·2^${k})`);
    const kl = api.klDivergence(p, q);
    assertNear(kl.value, KL_136_226, `D(P·2^${k} ‖ Q·2^${k})`);
    assert.deepEqual(kl.sums, { p: 10 * 2 ** (k + 100) * 2 ** -100, q: 10 * 2 ** (k + 100) * 2 ** -100 }, 'the sums as given');
    assert.equal(kl.normalized, true);
    assertNear(api.crossEntropy(p, q).value, CE_136_226, `H(P·2^${k}, Q·2^${k})`);
    // Each distribution at its own scale (P deep in the subnormals, Q normal): the same D.
    assertNear(api.klDivergence(p, Q).value, KL_136_226, `D(P·2^${k} ‖ Q)`);
    for (const [name, f] of Object.entries(api.others)) {
      const unscaled = f(P, Q).value;
      assertNear(f(p, q).value, unscaled, `${name} at 2^${k}`);
    }
  }
}
