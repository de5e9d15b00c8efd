/**
 * What the array-literal analyzer makes of each bracket group (an array, a scalar, a failure) and its
 * diagnostics, rendered into a DivergenceError only when thrown.
 */
import { type DivergenceErrorCode } from '../../core/errors';

/**
 * A problem, rendered only when thrown: `{at}` and `{at2}` in the message become "line L, column C" of
 * `offset` and `offset2`. Data rather than a closure because failed groups are common in ordinary code.
 */
export interface Diag {
  readonly code: DivergenceErrorCode;
  readonly offset: number;
  readonly message: string;
  readonly offset2?: number;
}

export interface ArrayResult {
  readonly kind: 'array';
  readonly startTok: number;
  readonly endTok: number; // exclusive: where the enclosing level continues
  readonly buf: number;
  readonly len: number;
  readonly rows: number;
  readonly cols: number;
  readonly dims: 1 | 2;
  readonly syntax: string;
  readonly features: number;
}

interface ScalarResult {
  readonly kind: 'scalar';
  readonly startTok: number;
  readonly endTok: number;
  readonly value: number;
  readonly features: number;
}

export interface FailResult {
  /** invalid: not numeric (nested arrays stay findable); opaque: numeric but unsupported (ragged, 3-D). */
  readonly kind: 'invalid' | 'opaque' | 'empty';
  readonly startTok: number;
  readonly endTok: number;
  readonly diag: Diag | undefined;
  /** Written as an array literal, so its diagnosis is what parseArrayLiteral reports. */
  readonly arrayish: boolean;
}

export type Result = ArrayResult | ScalarResult | FailResult;

export interface LevelOk {
  readonly ok: true;
  readonly bufStart: number;
  readonly nScalars: number;
  readonly groups: ArrayResult[];
  readonly rowLens: number[];
  readonly rowStartToks: number[];
  readonly semis: boolean;
  readonly features: number;
  /** Token where scalars and nested arrays first meet, for the "mixed" diagnosis. */
  readonly mixedAt: number;
}

export interface LevelFail {
  readonly ok: false;
  readonly kind: 'invalid' | 'opaque';
  readonly diag: Diag;
}

export const M_BRACKET = 0;
export const M_TUPLE = 1;
export const M_ARGS = 2;
export const M_ROOT = 3;

export interface Failure {
  readonly start: number;
  readonly diag: Diag;
  readonly numericish: boolean;
  /** A tuple, which in prose or comments is as likely "(see 1, x)" as an array. */
  readonly tuple: boolean;
}

export function fail(kind: FailResult['kind'], startTok: number, endTok: number, d: Diag | undefined, arrayish: boolean): FailResult {
  return { kind, startTok, endTok, diag: d, arrayish };
}

export function diag(code: DivergenceErrorCode, offset: number, message: string, offset2?: number): Diag {
  return offset2 === undefined ? { code, offset, message } : { code, offset, message, offset2 };
}
