/**
 * The one error type of Divergence Lens. Structural misuse (bad values, mismatched lengths, unparsable
 * text) throws a `DivergenceError` with a stable `code`; a result that is mathematically infinite is
 * returned as `Infinity`, never thrown and never NaN.
 */
export type DivergenceErrorCode =
  | 'invalid-value'
  | 'length-mismatch'
  | 'empty-input'
  | 'zero-sum'
  | 'parse-error'
  | 'invalid-parameter'
  | 'not-positive-definite'
  | 'file-not-found'
  | 'unsupported-file'
  | 'usage';

/** Where in a source text or array the problem is. All fields optional; the message repeats them in words. */
export interface ErrorLocation {
  /** 0-based element index within the array named by `array`. */
  readonly index?: number;
  /** Which input: 'P', 'Q', or a parameter name. */
  readonly array?: string;
  /** 1-based line and column in the source text. */
  readonly line?: number;
  readonly column?: number;
  /** 0-based character offset in the source text. */
  readonly offset?: number;
}

export class DivergenceError extends Error {
  readonly code: DivergenceErrorCode;
  readonly location: ErrorLocation;

  constructor(code: DivergenceErrorCode, message: string, location: ErrorLocation = {}) {
    super(message);
    this.name = 'DivergenceError';
    this.code = code;
    this.location = location;
  }
}

export function isDivergenceError(e: unknown): e is DivergenceError {
  return e instanceof DivergenceError;
}
