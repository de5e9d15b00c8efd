import { DivergenceError } from './errors';

/** A logarithm base, its natural log (results in nats are divided by it) and the unit it gives. */
export interface LogBase {
  /** The base as a number: Math.E for nats. */
  readonly base: number;
  /** ln(base); 1 for nats. */
  readonly lnBase: number;
  /** 'nats' (e), 'bits' (2), 'bans' (10), else `log${base}`, e.g. 'log3.5'. */
  readonly unit: string;
}

const NATS: LogBase = { base: Math.E, lnBase: 1, unit: 'nats' };

/** A plain decimal or exponent number, as in the `divergenceLens.base` setting; no hex, no 'Infinity'. */
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Resolves a user's log base: `undefined`, `'e'` or `Math.E` → nats; 2 → bits; 10 → bans; any other number
 * (or numeric string, as the setting stores it) > 0 and ≠ 1 → unit `log<base>`. Values in nats are converted
 * by dividing by `lnBase`.
 *
 * @throws DivergenceError `invalid-parameter` for a base ≤ 0, = 1, non-finite, or text that is not a number.
 * @example resolveBase('2') // { base: 2, lnBase: 0.6931471805599453, unit: 'bits' }
 */
export function resolveBase(base: number | string | undefined): LogBase {
  if (base === undefined) return NATS;
  let b: number;
  if (typeof base === 'string') {
    const text = base.trim();
    if (text === 'e' || text === 'E') return NATS;
    if (!NUMBER_TEXT.test(text)) {
      throw new DivergenceError('invalid-parameter', `log base '${base}' is not a number; use e, 2, 10 or a number > 0 other than 1`, {
        array: 'base',
      });
    }
    b = Number(text);
  } else {
    b = base;
  }
  if (!(b > 0 && b < Infinity) || b === 1) {
    throw new DivergenceError('invalid-parameter', `log base ${String(b)} is invalid: it must be a finite number > 0 other than 1`, {
      array: 'base',
    });
  }
  if (b === Math.E) return NATS;
  if (b === 2) return { base: 2, lnBase: Math.LN2, unit: 'bits' };
  if (b === 10) return { base: 10, lnBase: Math.LN10, unit: 'bans' };
  return { base: b, lnBase: Math.log(b), unit: `log${b}` };
}
