/** Arbitraries shared by the core and compute fuzz suites. */
import fc from 'fast-check';
import type { InputKind, MeasureOptions } from '../../../src/core';
import { interestingNumber } from './fuzzSupport';

/** Mostly probabilities and counts, sometimes anything. */
export const entry = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  { weight: 2, arbitrary: fc.constantFrom(0, 1, 0.5, 5e-324, 1e-300, 1e300, 1.7976931348623157e308, 2 ** -1074 * 3) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 100 }) },
  { weight: 1, arbitrary: interestingNumber },
);
export const vector = fc.array(entry, { minLength: 0, maxLength: 10 });
/** Two vectors, usually of one length. */
export const vectorPair = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 10 }).chain((n) => fc.tuple(fc.array(entry, { minLength: n, maxLength: n }), fc.array(entry, { minLength: n, maxLength: n }))) },
  { weight: 1, arbitrary: fc.tuple(vector, vector) },
);
export const base = fc.constantFrom<number | string | undefined>(undefined, 'e', 2, 10, '2', '10', 0.5, 1e-300, 1e300, 1, 0, -2, 'x', NaN, Infinity, '');
export const inputKind = fc.constantFrom<InputKind | undefined>(undefined, 'prob', 'prob', 'log', 'logits', 'bogus' as InputKind);
export const measureOptions: fc.Arbitrary<MeasureOptions> = fc.record({ base, normalize: fc.option(fc.boolean(), { nil: undefined }), input: inputKind });
